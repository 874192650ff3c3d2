/**
 * Coda applies edits asynchronously: mutating endpoints answer 202 with a `requestId` and the
 * change becomes visible later. Here queued changes are applied, in order, once `delayMs` has
 * passed (checked lazily on every request, so there are no timers to clean up).
 */
interface Mutation {
	id: string;
	dueAt: number;
	apply: () => void;
}

export class MutationQueue {
	private pending: Mutation[] = [];
	private readonly done = new Map<string, { warning?: string }>();
	private counter = 0;

	constructor(public delayMs = 0) {}

	/** Queues `apply` (runs immediately when the delay is 0) and returns its request id. */
	enqueue(apply: () => void, now = Date.now()): string {
		this.counter += 1;
		const id = `mutate-${String(this.counter).padStart(4, '0')}-${now.toString(36)}`;
		this.pending.push({ id, dueAt: now + this.delayMs, apply });
		this.flush(now);
		return id;
	}

	flush(now = Date.now()): void {
		while (this.pending.length > 0 && this.pending[0].dueAt <= now) {
			const mutation = this.pending.shift() as Mutation;
			try {
				mutation.apply();
				this.done.set(mutation.id, {});
			} catch (error) {
				this.done.set(mutation.id, { warning: (error as Error).message });
			}
		}
	}

	/** `undefined` for unknown ids. */
	status(id: string, now = Date.now()): { completed: boolean; warning?: string } | undefined {
		this.flush(now);
		const done = this.done.get(id);
		if (done) return { completed: true, ...done };
		return this.pending.some((m) => m.id === id) ? { completed: false } : undefined;
	}

	get pendingCount(): number {
		return this.pending.length;
	}

	reset(): void {
		this.pending = [];
		this.done.clear();
		this.counter = 0;
	}
}
