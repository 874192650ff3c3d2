import { codaPath } from '../transport';
import { docPicker } from './docPicker';

/** Rows by display name or ID (the filter is matched on the page of rows fetched). */
export const searchRows = docPicker({
	path: (docId, tableId) => codaPath`/docs/${docId}/tables/${tableId}/rows`,
	inTable: true,
	searchIn: (row) => [row.id],
	result: (row) => ({
		name: row.name ? `${row.name}` : row.id,
		value: row.id,
		url: row.browserLink,
	}),
});
