import type { IDataObject } from 'n8n-workflow';

import { listAction } from '../operations';
import { rowReadOptions } from './readOptions';

/** Coda's `query`: `"<column>":<JSON value>`; a value that is not JSON is matched as text. */
export function rowQuery(column: string, value: string): string {
	let json: string;
	try {
		JSON.parse(value);
		json = value.trim();
	} catch {
		json = JSON.stringify(value);
	}
	return `${JSON.stringify(column)}:${json}`;
}

export const { description, execute } = listAction('row', {
	parents: ['docId', 'tableId'],
	folder: 'rows',
	options: [
		{
			displayName: 'Filter Column',
			name: 'filterColumn',
			type: 'string',
			default: '',
			placeholder: 'e.g. c-tuVwxYz or Status',
			description: 'Only return rows whose value in this column (ID or name) equals "Filter Value"',
		},
		{
			displayName: 'Filter Value',
			name: 'filterValue',
			type: 'string',
			default: '',
			placeholder: 'e.g. Done',
			description:
				'The value to match: text, or JSON such as 42, true or "42" (quoted to match the text 42)',
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			options: [
				{
					name: 'Created At',
					value: 'createdAt',
					description: "When each row was created (Coda's default)",
				},
				{
					name: 'Natural',
					value: 'natural',
					description: 'The order in the table; visible rows only',
				},
				{ name: 'Updated At', value: 'updatedAt', description: 'When each row was last changed' },
			],
			default: 'createdAt',
			description: 'The order of the rows',
		},
		...rowReadOptions,
		{
			displayName: 'Visible Only',
			name: 'visibleOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to return only the rows and columns visible in the table or view',
		},
	],
	query: (options) => {
		const qs: IDataObject = {};
		const filterColumn = String(options.filterColumn ?? '').trim();
		if (filterColumn) qs.query = rowQuery(filterColumn, String(options.filterValue ?? ''));
		if (options.sortBy && options.sortBy !== 'createdAt') qs.sortBy = options.sortBy;
		if (options.useColumnNames === true) qs.useColumnNames = true;
		if (options.valueFormat && options.valueFormat !== 'simple')
			qs.valueFormat = options.valueFormat;
		if (options.visibleOnly === true) qs.visibleOnly = true;
		return qs;
	},
	parameters: { column: 'Filter Column' },
});
