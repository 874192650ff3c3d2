import type { IExecuteFunctions } from 'n8n-workflow';

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

const displayOptions = showFor('formula', 'list');

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
				description: 'Whether to sort the formulas by name',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const qs = getOptions(this, itemIndex).sortByName === true ? { sortBy: 'name' } : {};
	return await codaRequestAllItems(
		this,
		{ path: codaPath`/docs/${docId}/formulas`, qs, parameters: parametersOf('docId') },
		getListLimit(this, itemIndex),
	);
}
