import type { INodeListSearchItems } from 'n8n-workflow';

import { currentValue, picker } from '../../shared/node/pickers';
import { codaRequestPage } from '../transport';

/** What Coda lists of a page, a table, a column or a row. */
export interface CodaRef {
	id: string;
	name: string;
	browserLink?: string;
}

/**
 * A picker of the items of the node's doc (and table, with `inTable`): one page of Coda's
 * list at `path`, filtered on their names.
 */
export function docPicker<T extends CodaRef>(spec: {
	path: (docId: string, tableId: string) => string;
	inTable?: boolean;
	pageSize?: number;
	/** What the list shows: the name and the item's link by default. */
	result?: (item: T) => INodeListSearchItems;
	/** Besides the name: e.g. the ID. */
	searchIn?: (item: T) => string[];
}) {
	return picker<T>({
		page: async (ctx, _filter, token) => {
			const docId = currentValue(ctx, 'docId');
			const tableId = spec.inTable ? currentValue(ctx, 'tableId') : '';
			if (!docId || (spec.inTable && !tableId)) return { items: [] };
			const page = await codaRequestPage<T>(
				ctx,
				{ path: spec.path(docId, tableId) },
				token,
				spec.pageSize ?? 100,
			);
			return { items: page.items, next: page.nextPageToken };
		},
		searchIn: (item) => [item.name, ...(spec.searchIn?.(item) ?? [])],
		result: spec.result ?? ((item) => ({ name: item.name, value: item.id, url: item.browserLink })),
	});
}
