import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { codaPath, codaRequestAllItems } from '../../transport';
import {
	docLocator,
	forOperation,
	pageLocator,
	parametersOf,
	requireLocator,
	returnAllAndLimit,
	showFor,
} from '../common';

const displayOptions = showFor('page', 'getContent');

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	...returnAllAndLimit,
]);

/** One output item per content element (line) of the page, as plain text with its style. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const pageId = requireLocator(this, 'pageId', itemIndex);
	return await codaRequestAllItems(
		this,
		{
			path: codaPath`/docs/${docId}/pages/${pageId}/content`,
			qs: { contentFormat: 'plainText' },
			parameters: parametersOf('docId', 'pageId'),
		},
		getListLimit(this, itemIndex),
	);
}
