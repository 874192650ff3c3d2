import { CODA_MAX_COLUMN_PAGE_SIZE, codaPath } from '../transport';
import { docPicker } from './docPicker';

export const searchColumns = docPicker({
	path: (docId, tableId) => codaPath`/docs/${docId}/tables/${tableId}/columns`,
	inTable: true,
	pageSize: CODA_MAX_COLUMN_PAGE_SIZE,
	result: (column) => ({ name: column.name, value: column.id }),
});
