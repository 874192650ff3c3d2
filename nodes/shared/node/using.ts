/**
 * Opens a resource (an SDK client, a storage driver), hands it to `use`, and closes it
 * afterwards, whatever happened. A failure to close never hides the result or the error of
 * the work: sockets that cannot be closed are closed by their timeouts.
 */
export async function using<T, R>(
	open: () => Promise<T>,
	close: (resource: T) => Promise<void> | void,
	use: (resource: T) => Promise<R>,
): Promise<R> {
	const resource = await open();
	try {
		return await use(resource);
	} finally {
		try {
			await close(resource);
		} catch {
			// see above
		}
	}
}
