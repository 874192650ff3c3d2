import { CODA_MAX_COLUMN_PAGE_SIZE } from '../../transport';
import { listAction } from '../operations';

export const { description, execute } = listAction('column', {
	parents: ['docId', 'tableId'],
	folder: 'columns',
	options: [
		{
			displayName: 'Visible Only',
			name: 'visibleOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to list only the columns visible in the table or view',
		},
	],
	query: (options) => (options.visibleOnly === true ? { visibleOnly: true } : {}),
	pageSize: CODA_MAX_COLUMN_PAGE_SIZE,
});
