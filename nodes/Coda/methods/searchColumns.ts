import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CODA_MAX_COLUMN_PAGE_SIZE, codaPath, codaRequestPage } from '../transport';
import { currentLocator, matches } from './locatorValues';

interface ColumnRef {
	id: string;
	name: string;
}

export async function searchColumns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const docId = currentLocator(this, 'docId');
	const tableId = currentLocator(this, 'tableId');
	if (!docId || !tableId) return { results: [] };
	const page = await codaRequestPage<ColumnRef>(
		this,
		{ path: codaPath`/docs/${docId}/tables/${tableId}/columns` },
		paginationToken,
		CODA_MAX_COLUMN_PAGE_SIZE,
	);
	return {
		results: page.items
			.filter((column) => matches(column.name, filter))
			.map((column) => ({ name: column.name, value: column.id })),
		paginationToken: page.nextPageToken,
	};
}
