import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	showFor,
	tableLocator,
} from '../common';

const displayOptions = showFor('table', 'get');

export const description = forOperation(displayOptions, [docLocator(), tableLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}/tables/${tableId}`,
		parameters: parametersOf('docId', 'tableId'),
	});
}
