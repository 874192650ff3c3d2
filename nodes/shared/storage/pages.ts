/** One page of a provider's list: its entries, and the token of the next page when there is one. */
export interface Page<T> {
	entries: T[];
	nextPageToken?: string;
}

/** The most entries asked for in one page of a list. */
export const DEFAULT_PAGE_SIZE = 1000;

/**
 * The pages of a list, one after the other, until the service has no more (or hands back the
 * token it was given). `pageSize` says how many entries the next page should hold at most.
 */
export async function* eachPage<T>(
	fetchPage: (pageSize: number, pageToken: string | undefined) => Promise<Page<T>>,
	pageSize: () => number = () => DEFAULT_PAGE_SIZE,
): AsyncGenerator<T[]> {
	let pageToken: string | undefined;
	do {
		const page = await fetchPage(pageSize(), pageToken);
		yield page.entries;
		pageToken = page.nextPageToken !== pageToken ? page.nextPageToken : undefined;
	} while (pageToken);
}

/**
 * Every entry over the pages (or the first `limit`): each page asks for no more than is still
 * wanted (at most `maxPageSize`), and the next is requested while entries are still wanted and
 * the service has more.
 */
export async function followPages<T>(
	fetchPage: (pageSize: number, pageToken: string | undefined) => Promise<Page<T>>,
	limit?: number,
	maxPageSize = DEFAULT_PAGE_SIZE,
): Promise<T[]> {
	const all: T[] = [];
	const wanted = () =>
		limit === undefined ? maxPageSize : Math.min(maxPageSize, limit - all.length);
	for await (const entries of eachPage(fetchPage, wanted)) {
		all.push(...entries);
		if (limit !== undefined && all.length >= limit) return all.slice(0, limit);
	}
	return all;
}
