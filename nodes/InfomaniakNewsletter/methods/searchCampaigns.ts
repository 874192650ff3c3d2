import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiPath, bracketQuery, newsletterClient, newsletterPage } from '../transport';

/** Campaigns whose subject contains the filter, newest first, page by page. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await newsletterClient(this);
	const page = await newsletterPage<IDataObject>(
		this,
		client,
		{
			path: apiPath`/campaigns`,
			qs: { ...bracketQuery('filter', { search: filter?.trim() }), order_by: 'id', order: 'desc' },
		},
		Number(paginationToken ?? 1),
		50,
	);
	return {
		results: page.items.map((campaign) => ({
			name: `${String(campaign.subject ?? '(no subject)')} (${String(campaign.status ?? '')}, ${String(campaign.id)})`,
			value: String(campaign.id),
		})),
		paginationToken: page.nextPage === undefined ? undefined : String(page.nextPage),
	};
}
