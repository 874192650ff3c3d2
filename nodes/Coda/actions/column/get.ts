import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	columnLocator,
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	showFor,
	tableLocator,
} from '../common';

const displayOptions = showFor('column', 'get');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	columnLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	const columnId = requireLocator(this, 'columnId', itemIndex);
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}/tables/${tableId}/columns/${columnId}`,
		parameters: parametersOf('docId', 'tableId', 'columnId'),
	});
}
