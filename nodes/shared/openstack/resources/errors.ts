import { httpStatusOf } from '../request';

/**
 * Runs a request; when it fails with one of `statuses`, `handle` says what that means (it throws
 * the node's own error); any other failure is passed on as it is.
 */
export async function onHttpStatus<T>(
	statuses: number[],
	run: () => Promise<T>,
	handle: (error: Error, status: number) => Promise<never>,
): Promise<T> {
	try {
		return await run();
	} catch (error) {
		const status = httpStatusOf(error);
		if (status !== undefined && statuses.includes(status))
			return await handle(error as Error, status);
		throw error;
	}
}

/**
 * Runs the second step of a two-step creation; when it fails, undoes the first (`rollback`, whose
 * own failure is ignored) and passes the failure on, so the operation leaves nothing behind.
 */
export async function withRollback<T>(
	run: () => Promise<T>,
	rollback: () => Promise<unknown>,
): Promise<T> {
	try {
		return await run();
	} catch (error) {
		await rollback().catch(() => undefined);
		throw error;
	}
}
