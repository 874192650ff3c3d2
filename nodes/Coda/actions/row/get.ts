import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	docLocator,
	forOperation,
	getOptions,
	parametersOf,
	requireLocator,
	rowLocator,
	showFor,
	tableLocator,
} from '../common';
import { rowReadOptions } from './readOptions';

const displayOptions = showFor('row', 'get');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	rowLocator(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: rowReadOptions,
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	const rowId = requireLocator(this, 'rowId', itemIndex);
	const options = getOptions(this, itemIndex);
	const qs: IDataObject = {};
	if (options.useColumnNames === true) qs.useColumnNames = true;
	if (options.valueFormat && options.valueFormat !== 'simple') qs.valueFormat = options.valueFormat;
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}/tables/${tableId}/rows/${rowId}`,
		qs,
		parameters: parametersOf('docId', 'tableId', 'rowId'),
	});
}
