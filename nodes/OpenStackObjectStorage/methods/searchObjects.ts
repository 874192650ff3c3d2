import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ListedObject } from '../../shared/storage/drivers/swift/bulk';
import { SwiftClient } from '../../shared/storage/drivers/swift/client';

const PAGE = 100;

async function objectsOf(
	ctx: ILoadOptionsFunctions,
	containerParameter: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const container = String(
		ctx.getCurrentNodeParameter(containerParameter, { extractValue: true }) ?? '',
	).trim();
	if (!container) return { results: [] };
	const swift = new SwiftClient(ctx);
	const entries = await swift.listPage<ListedObject>(swift.path(container), {
		limit: PAGE,
		...(filter?.trim() ? { prefix: filter.trim() } : {}),
		...(paginationToken ? { marker: paginationToken } : {}),
	});
	return {
		results: entries
			.filter((entry) => entry.name !== undefined)
			.map((entry) => ({ name: entry.name!, value: entry.name! })),
		paginationToken: entries.length >= PAGE ? entries[entries.length - 1].name : undefined,
	};
}

/** Objects of the chosen container whose name starts with the filter. */
export async function searchObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await objectsOf(this, 'container', filter, paginationToken);
}

/** Objects of the chosen source container (Copy). */
export async function searchSourceObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await objectsOf(this, 'sourceContainer', filter, paginationToken);
}
