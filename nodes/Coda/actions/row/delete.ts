import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	afterWrite,
	wantsWait,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	rowLocator,
	showFor,
	tableLocator,
	waitOptions,
} from '../common';

const displayOptions = showFor('row', 'delete');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	const rowId = requireLocator(this, 'rowId', itemIndex);
	const result = await codaRequest<IDataObject>(this, {
		method: 'DELETE',
		path: codaPath`/docs/${docId}/tables/${tableId}/rows/${rowId}`,
		parameters: parametersOf('docId', 'tableId', 'rowId'),
	});
	return await afterWrite(this, itemIndex, wait, {
		docId,
		tableId,
		rowId: result.id ?? rowId,
		...result,
		deleted: true,
	});
}
