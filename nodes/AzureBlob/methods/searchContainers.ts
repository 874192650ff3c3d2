import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listContainersPage } from '../../shared/storage/drivers/azure/containers';
import { withConnection } from '../connection';

const PAGE_SIZE = 100;

/** Containers whose name starts with the filter, one page at a time. */
export async function searchContainers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await withConnection(
		this,
		async (azure) =>
			await listContainersPage(azure, {
				prefix: filter?.trim().toLowerCase() || undefined,
				pageSize: PAGE_SIZE,
				pageToken: paginationToken,
			}),
	);
	return {
		results: page.containers.map((container) => ({ name: container.name, value: container.name })),
		paginationToken: page.nextPageToken,
	};
}
