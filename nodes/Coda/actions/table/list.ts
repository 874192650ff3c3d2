import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { codaPath, codaRequestAllItems } from '../../transport';
import {
	docLocator,
	forOperation,
	getOptions,
	parametersOf,
	requireLocator,
	returnAllAndLimit,
	showFor,
} from '../common';

const displayOptions = showFor('table', 'list');

export const description = forOperation(displayOptions, [
	docLocator(),
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort by Name',
				name: 'sortByName',
				type: 'boolean',
				default: false,
				description: 'Whether to sort the tables by name (default: the order Coda gives)',
			},
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
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const options = getOptions(this, itemIndex);
	const qs: IDataObject = {};
	const types = Array.isArray(options.tableTypes) ? (options.tableTypes as string[]) : [];
	if (types.length > 0 && types.length < 2) qs.tableTypes = types.join(',');
	if (options.sortByName === true) qs.sortBy = 'name';
	return await codaRequestAllItems(
		this,
		{ path: codaPath`/docs/${docId}/tables`, qs, parameters: parametersOf('docId') },
		getListLimit(this, itemIndex),
	);
}
