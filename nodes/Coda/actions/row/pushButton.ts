import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	afterWrite,
	wantsWait,
	columnLocator,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	rowLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';

const displayOptions = showFor('row', 'pushButton');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	columnLocator('The button column, by ID or name'),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	const rowId = requireLocator(this, 'rowId', itemIndex);
	const columnId = requireLocator(this, 'columnId', itemIndex);
	const result = await codaRequest<IDataObject>(this, {
		method: 'POST',
		path: codaPath`/docs/${docId}/tables/${tableId}/rows/${rowId}/buttons/${columnId}`,
		// Pressing a button twice runs its action twice: only a 429 is retried.
		replay: 'afterRateLimit',
		parameters: parametersOf('docId', 'tableId', 'rowId', 'columnId'),
	});
	return await afterWrite(this, itemIndex, wait, { docId, tableId, ...result });
}
