import type { IDataObject } from 'n8n-workflow';

import { listAction, sortByName } from '../operations';

const byName = sortByName('Whether to sort the tables by name (default: the order Coda gives)');

export const { description, execute } = listAction('table', {
	parents: ['docId'],
	folder: 'tables',
	options: [
		...byName.options,
		{
			displayName: 'Table Types',
			name: 'tableTypes',
			type: 'multiOptions',
			options: [
				{ name: 'Table', value: 'table' },
				{ name: 'View', value: 'view' },
			],
			default: ['table', 'view'],
			description: 'Whether to list tables, views or both',
		},
	],
	query: (options) => {
		const qs: IDataObject = {};
		const types = Array.isArray(options.tableTypes) ? (options.tableTypes as string[]) : [];
		if (types.length > 0 && types.length < 2) qs.tableTypes = types.join(',');
		return { ...qs, ...byName.query(options) };
	},
});
