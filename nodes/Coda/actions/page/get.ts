import type { IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	docLocator,
	forOperation,
	pageLocator,
	parametersOf,
	requireLocator,
	showFor,
} from '../common';

const displayOptions = showFor('page', 'get');

export const description = forOperation(displayOptions, [docLocator(), pageLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const pageId = requireLocator(this, 'pageId', itemIndex);
	return await codaRequest(this, {
		path: codaPath`/docs/${docId}/pages/${pageId}`,
		parameters: parametersOf('docId', 'pageId'),
	});
}
