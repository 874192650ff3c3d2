/** Runs `worker` over `items` with at most `limit` running at once; stops at the first failure. */
export async function pool<T, R>(
	items: T[],
	limit: number,
	worker: (item: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	let failed = false;
	const run = async () => {
		while (!failed && next < items.length) {
			const index = next++;
			try {
				results[index] = await worker(items[index]);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
	return results;
}
