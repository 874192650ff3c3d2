import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SwiftClient } from '../../shared/storage/drivers/swift/client';
import { containerPage } from '../../shared/storage/drivers/swift/containers';

/** Containers whose name starts with the filter (Swift lists by prefix), page by page. */
export async function searchContainers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await containerPage(new SwiftClient(this), {
		prefix: filter?.trim() || undefined,
		marker: paginationToken,
		limit: 100,
	});
	return {
		results: page.containers.map((container) => ({ name: container.name, value: container.name })),
		paginationToken: page.nextMarker,
	};
}
