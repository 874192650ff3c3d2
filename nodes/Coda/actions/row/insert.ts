import type { IExecuteFunctions } from 'n8n-workflow';

import { docLocator, forOperation, showFor, tableLocator, waitOptions } from '../common';
import { cellParameters } from './cells';
import { rowWriteOptions, writeRows } from './writeRows';

const displayOptions = showFor('row', 'insert');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	...cellParameters,
	rowWriteOptions,
	...waitOptions,
]);

/** One new row per input item, all items sent together (see writeRows). */
export async function executeAll(this: IExecuteFunctions) {
	return await writeRows(this, 'insert');
}
