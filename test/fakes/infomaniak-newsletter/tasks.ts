import { randomUUID } from 'node:crypto';

import { nowSeconds, type Store, type Task } from './store';

/**
 * Infomaniak's asynchronous operations: a 202 (or an "asynchronous" result) hands out a task
 * uuid; `GET /1/async/tasks/{uuid}` reports it spooled, then running, then executed. The task's
 * effect is applied when it finishes, after `readsToFinish` status reads (counted, not timed)
 * or when a test calls `finishAll()`.
 */
export class TaskQueue {
	readsToFinish = 2;

	constructor(private readonly store: Store) {}

	start(run: Task['run']): Task {
		const now = nowSeconds();
		const task: Task = {
			uuid: randomUUID(),
			status: 'spooled',
			created_at: now,
			updated_at: now,
			executed_at: null,
			finished_at: null,
			reads: 0,
			readsToFinish: this.readsToFinish,
			run,
			response: {},
			error: null,
		};
		this.store.tasks.push(task);
		return task;
	}

	/** One status read: the task moves on, and finishes on its last read. */
	read(task: Task): Task {
		if (task.status === 'executed' || task.status === 'failed') return task;
		task.reads++;
		task.updated_at = nowSeconds();
		if (task.reads >= task.readsToFinish) this.finish(task);
		else task.status = 'running';
		return task;
	}

	finish(task: Task): void {
		if (task.status === 'executed' || task.status === 'failed') return;
		const now = nowSeconds();
		task.executed_at = task.executed_at ?? now;
		try {
			task.response = task.run();
			task.status = 'executed';
		} catch (error) {
			task.status = 'failed';
			task.error = { code: 'task_failed', description: (error as Error).message };
		}
		task.finished_at = now;
		task.updated_at = now;
	}

	finishAll(): void {
		for (const task of this.store.tasks) this.finish(task);
	}
}
