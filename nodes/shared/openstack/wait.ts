import type { INode } from 'n8n-workflow';
import { NodeOperationError, sleep as n8nSleep } from 'n8n-workflow';

import { httpStatusOf } from './request';

/**
 * "Wait until": polls a resource until its status is one of `until`, fails at once when it
 * reaches one of `failOn` (with the resource's own fault message), and gives up with a clear
 * error after `timeoutSeconds`. With `untilGone`, a 404 is the goal (a deletion finished).
 * Polls start every second and slow down to every `maxIntervalMs`.
 */
export interface WaitOptions<T> {
	node: INode;
	/** Reads the resource once (through openStackRequest). */
	poll: () => Promise<T>;
	status: (resource: T) => string | undefined;
	/** Statuses that end the wait successfully (compared case-insensitively). */
	until?: string[];
	/** Statuses that end it with an error (e.g. ERROR, error_extending). */
	failOn?: string[];
	/** A 404 ends the wait successfully (a deletion). */
	untilGone?: boolean;
	timeoutSeconds: number;
	/** What is waited for, for messages: 'server "web-1"'. */
	describe: string;
	/** The resource's own explanation of a failure (a server's fault message). */
	failureDetail?: (resource: T) => string | undefined;
	itemIndex?: number;
	intervalMs?: number;
	maxIntervalMs?: number;
	/** For tests: time and waiting. */
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

export interface WaitResult<T> {
	resource?: T;
	status?: string;
	gone: boolean;
	polls: number;
	waitedSeconds: number;
}

const same = (a: string | undefined, list: string[] = []) =>
	a !== undefined && list.some((candidate) => candidate.toLowerCase() === a.toLowerCase());

/** Reads after a failure status that came without its explanation, a second apart. */
const FAULT_REREADS = 3;

/**
 * The resource's explanation of its failure. A service may record it a moment after the status
 * (Nova sets ERROR, then adds the fault), so a failure without one is read again a few times.
 */
async function failureDetailOf<T>(
	resource: T,
	options: WaitOptions<T>,
	sleep: (ms: number) => Promise<void>,
): Promise<string | undefined> {
	if (!options.failureDetail) return undefined;
	let detail = options.failureDetail(resource);
	for (let reread = 0; !detail && reread < FAULT_REREADS; reread++) {
		await sleep(1000);
		detail = options.failureDetail(await options.poll());
	}
	return detail;
}

export async function waitForStatus<T>(options: WaitOptions<T>): Promise<WaitResult<T>> {
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? n8nSleep;
	const startedAt = now();
	const deadline = startedAt + options.timeoutSeconds * 1000;
	let interval = options.intervalMs ?? 1000;
	const maxInterval = options.maxIntervalMs ?? 5000;
	let last: string | undefined;
	for (let polls = 1; ; polls++) {
		let resource: T;
		try {
			resource = await options.poll();
		} catch (error) {
			if (options.untilGone && httpStatusOf(error) === 404) {
				return { gone: true, polls, waitedSeconds: Math.round((now() - startedAt) / 1000) };
			}
			throw error;
		}
		last = options.status(resource);
		const waitedSeconds = Math.round((now() - startedAt) / 1000);
		if (same(last, options.failOn)) {
			const detail = await failureDetailOf(resource, options, sleep);
			throw new NodeOperationError(
				options.node,
				`The ${options.describe} went to status ${last}${detail ? `: ${detail}` : ''}`,
				{ itemIndex: options.itemIndex, description: `After waiting ${waitedSeconds} s` },
			);
		}
		if (same(last, options.until))
			return { resource, status: last, gone: false, polls, waitedSeconds };
		const remaining = deadline - now();
		if (remaining <= 0) {
			const goal = options.untilGone
				? 'to be gone'
				: `to reach ${(options.until ?? []).join(' or ')}`;
			throw new NodeOperationError(
				options.node,
				`Timed out after ${options.timeoutSeconds} s waiting for the ${options.describe} ${goal} (status now: ${last ?? 'unknown'})`,
				{
					itemIndex: options.itemIndex,
					description:
						'The operation was accepted and may still finish: check it later, or raise the wait timeout.',
				},
			);
		}
		await sleep(Math.min(interval, remaining));
		interval = Math.min(maxInterval, Math.round(interval * 1.5));
	}
}
