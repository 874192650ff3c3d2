import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { codaPath, codaRequestPage } from '../transport';
import { currentLocator, matches, PICKER_PAGE_SIZE } from './locatorValues';

interface TableRef {
	id: string;
	name: string;
	tableType: 'table' | 'view';
	browserLink?: string;
}

/** Tables and views of the chosen doc (views are marked, since rows cannot be inserted into them). */
export async function searchTables(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const docId = currentLocator(this, 'docId');
	if (!docId) return { results: [] };
	const page = await codaRequestPage<TableRef>(
		this,
		{ path: codaPath`/docs/${docId}/tables` },
		paginationToken,
		PICKER_PAGE_SIZE,
	);
	return {
		results: page.items
			.filter((table) => matches(table.name, filter))
			.map((table) => ({
				name: table.tableType === 'view' ? `${table.name} (view)` : table.name,
				value: table.id,
				url: table.browserLink,
			})),
		paginationToken: page.nextPageToken,
	};
}
