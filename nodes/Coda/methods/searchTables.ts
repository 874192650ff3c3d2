import { codaPath } from '../transport';
import { docPicker, type CodaRef } from './docPicker';

/** Tables and views of the chosen doc (views are marked, since rows cannot be inserted into them). */
export const searchTables = docPicker<CodaRef & { tableType: 'table' | 'view' }>({
	path: (docId) => codaPath`/docs/${docId}/tables`,
	result: (table) => ({
		name: table.tableType === 'view' ? `${table.name} (view)` : table.name,
		value: table.id,
		url: table.browserLink,
	}),
});
