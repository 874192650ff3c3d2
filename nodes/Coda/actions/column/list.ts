import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { CODA_MAX_COLUMN_PAGE_SIZE, codaPath, codaRequestAllItems } from '../../transport';
import {
	docLocator,
	forOperation,
	getOptions,
	parametersOf,
	requireLocator,
	returnAllAndLimit,
	showFor,
	tableLocator,
} from '../common';

const displayOptions = showFor('column', 'list');

export const description = forOperation(displayOptions, [
	docLocator(),
	tableLocator(),
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Visible Only',
				name: 'visibleOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to list only the columns visible in the table or view',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const tableId = requireLocator(this, 'tableId', itemIndex);
	const qs = getOptions(this, itemIndex).visibleOnly === true ? { visibleOnly: true } : {};
	return await codaRequestAllItems(
		this,
		{
			path: codaPath`/docs/${docId}/tables/${tableId}/columns`,
			qs,
			parameters: parametersOf('docId', 'tableId'),
		},
		getListLimit(this, itemIndex),
		CODA_MAX_COLUMN_PAGE_SIZE,
	);
}
