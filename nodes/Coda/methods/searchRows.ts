import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { codaPath, codaRequestPage } from '../transport';
import { currentLocator, matches, PICKER_PAGE_SIZE } from './locatorValues';

interface RowRef {
	id: string;
	name: string;
	browserLink?: string;
}

/** Rows by display name (the filter is matched on the page of rows fetched). */
export async function searchRows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const docId = currentLocator(this, 'docId');
	const tableId = currentLocator(this, 'tableId');
	if (!docId || !tableId) return { results: [] };
	const page = await codaRequestPage<RowRef>(
		this,
		{ path: codaPath`/docs/${docId}/tables/${tableId}/rows` },
		paginationToken,
		PICKER_PAGE_SIZE,
	);
	return {
		results: page.items
			.filter((row) => matches(row.name, filter) || matches(row.id, filter))
			.map((row) => ({
				name: row.name ? `${row.name}` : row.id,
				value: row.id,
				url: row.browserLink,
			})),
		paginationToken: page.nextPageToken,
	};
}
