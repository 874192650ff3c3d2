import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { codaPath, codaRequestAllItems } from '../../transport';
import {
	docLocator,
	forOperation,
	parametersOf,
	requireLocator,
	returnAllAndLimit,
	showFor,
} from '../common';

const displayOptions = showFor('page', 'list');

export const description = forOperation(displayOptions, [docLocator(), ...returnAllAndLimit]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	return await codaRequestAllItems(
		this,
		{ path: codaPath`/docs/${docId}/pages`, parameters: parametersOf('docId') },
		getListLimit(this, itemIndex),
	);
}
