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
