import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiPath } from '../transport';
import { searchPage } from './searchPage';

/** Campaigns whose subject contains the filter, newest first, page by page. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		apiPath`/campaigns`,
		filter,
		paginationToken,
		(campaign) => ({
			name: `${String(campaign.subject ?? '(no subject)')} (${String(campaign.status ?? '')}, ${String(campaign.id)})`,
			value: String(campaign.id),
		}),
		{ order_by: 'id', order: 'desc' },
	);
}
