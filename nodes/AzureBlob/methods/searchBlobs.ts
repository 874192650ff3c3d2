import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listBlobsPage } from '../../shared/storage/drivers/azure/blobs';
import { containerNameProblem } from '../../shared/storage/drivers/azure/names';
import { withConnection } from '../connection';

const PAGE_SIZE = 100;

async function searchIn(
	ctx: ILoadOptionsFunctions,
	containerParameter: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const container = String(
		ctx.getCurrentNodeParameter(containerParameter, { extractValue: true }) ?? '',
	).trim();
	if (!container || containerNameProblem(container)) return { results: [] };
	// The filter is a name prefix: the search stays one page, however large the container.
	const page = await withConnection(
		ctx,
		async (azure) =>
			await listBlobsPage(azure, container, {
				prefix: filter || undefined,
				pageSize: PAGE_SIZE,
				pageToken: paginationToken,
			}),
	);
	return {
		results: page.blobs.map((blob) => ({ name: blob.name, value: blob.name })),
		paginationToken: page.nextPageToken,
	};
}

export async function searchBlobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'container', filter, paginationToken);
}

export async function searchSourceBlobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'sourceContainer', filter, paginationToken);
}
