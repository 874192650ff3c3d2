import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { codaRequestPage } from '../transport';

interface DocRef {
	id: string;
	name: string;
	browserLink?: string;
}

/** Docs whose name contains the filter (Coda searches), page by page. */
export async function searchDocs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await codaRequestPage<DocRef>(
		this,
		{ path: '/docs', qs: filter ? { query: filter } : {} },
		paginationToken,
		50,
	);
	return {
		results: page.items.map((doc) => ({ name: doc.name, value: doc.id, url: doc.browserLink })),
		paginationToken: page.nextPageToken,
	};
}
