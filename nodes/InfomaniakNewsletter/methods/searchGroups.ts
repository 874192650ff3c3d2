import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiPath } from '../transport';
import { searchPage } from './searchPage';

/** Mailing lists (groups) whose name contains the filter, page by page. */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, apiPath`/groups`, filter, paginationToken, (group) => ({
		name: String(group.name ?? group.id),
		value: String(group.id),
	}));
}
