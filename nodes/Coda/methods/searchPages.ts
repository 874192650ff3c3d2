import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { codaPath, codaRequestPage } from '../transport';
import { currentLocator, matches, PICKER_PAGE_SIZE } from './locatorValues';

interface PageRef {
	id: string;
	name: string;
	browserLink?: string;
}

export async function searchPages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const docId = currentLocator(this, 'docId');
	if (!docId) return { results: [] };
	const page = await codaRequestPage<PageRef>(
		this,
		{ path: codaPath`/docs/${docId}/pages` },
		paginationToken,
		PICKER_PAGE_SIZE,
	);
	return {
		results: page.items
			.filter((entry) => matches(entry.name, filter))
			.map((entry) => ({ name: entry.name, value: entry.id, url: entry.browserLink })),
		paginationToken: page.nextPageToken,
	};
}
