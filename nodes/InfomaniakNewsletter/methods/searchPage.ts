import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { bracketQuery, newsletterClient, newsletterPage } from '../transport';

/** One page (of 50) of a list searched with `filter[search]`, for a resource locator's list. */
export async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toResult: (item: IDataObject) => INodeListSearchItems,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const page = await newsletterPage<IDataObject>(
		ctx,
		await newsletterClient(ctx),
		{ path, qs: { ...bracketQuery('filter', { search: filter?.trim() }), ...qs } },
		Number(paginationToken ?? 1),
		50,
	);
	return {
		results: page.items.map(toResult),
		paginationToken: page.nextPage === undefined ? undefined : String(page.nextPage),
	};
}
