import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiPath, bracketQuery, newsletterClient, newsletterPage } from '../transport';

/** Mailing lists (groups) whose name contains the filter, page by page. */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await newsletterClient(this);
	const page = await newsletterPage<IDataObject>(
		this,
		client,
		{ path: apiPath`/groups`, qs: bracketQuery('filter', { search: filter?.trim() }) },
		Number(paginationToken ?? 1),
		50,
	);
	return {
		results: page.items.map((group) => ({
			name: String(group.name ?? group.id),
			value: String(group.id),
		})),
		paginationToken: page.nextPage === undefined ? undefined : String(page.nextPage),
	};
}
