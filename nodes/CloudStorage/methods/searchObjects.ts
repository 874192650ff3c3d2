import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { withDriver } from '../../shared/storage/loadDriver';

const PAGE_SIZE = 100;

async function searchIn(
	ctx: ILoadOptionsFunctions,
	containerParameter: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const container = ctx.getCurrentNodeParameter(containerParameter, {
		extractValue: true,
	}) as string;
	if (!container) return { results: [] };
	// The filter is a key prefix: listing stays one page, however large the container.
	const page = await withDriver(
		ctx,
		ctx.getCurrentNodeParameter('backend'),
		async (driver) =>
			await driver.listObjects(container, {
				prefix: filter || undefined,
				pageSize: PAGE_SIZE,
				pageToken: paginationToken,
			}),
	);
	return {
		results: page.objects.map((object) => ({ name: object.key, value: object.key })),
		paginationToken: page.nextPageToken,
	};
}

export async function searchObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'container', filter, paginationToken);
}

export async function searchSourceObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'sourceContainer', filter, paginationToken);
}
