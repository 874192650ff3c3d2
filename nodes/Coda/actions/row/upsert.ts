import type { IExecuteFunctions } from 'n8n-workflow';

import { docLocator, forOperation, showFor, tableLocator, waitOptions } from '../common';
import { CELL_PARAMETER_LABELS, cellParameters } from './cells';
import { rowWriteOptions, writeRows } from './writeRows';

const displayOptions = showFor('row', 'upsert');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	{
		displayName: CELL_PARAMETER_LABELS.keyColumns,
		name: 'keyColumns',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. c-tuVwxYz or Email',
		description:
			'Columns (IDs or names, separated by commas) whose values identify a row: rows matching them are updated, otherwise a row is added',
	},
	...cellParameters,
	rowWriteOptions,
	...waitOptions,
]);

/** Updates the rows matching the key columns, or adds one, per input item; all items sent together. */
export async function executeAll(this: IExecuteFunctions) {
	return await writeRows(this, 'upsert');
}
