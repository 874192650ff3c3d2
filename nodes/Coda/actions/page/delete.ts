import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	afterWrite,
	wantsWait,
	docLocator,
	forOperation,
	pageLocator,
	parametersOf,
	requireLocator,
	showFor,
	waitOptions,
} from '../common';

const displayOptions = showFor('page', 'delete');

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const docId = requireLocator(this, 'docId', itemIndex);
	const pageId = requireLocator(this, 'pageId', itemIndex);
	const result = await codaRequest<IDataObject>(this, {
		method: 'DELETE',
		path: codaPath`/docs/${docId}/pages/${pageId}`,
		parameters: parametersOf('docId', 'pageId'),
	});
	return await afterWrite(this, itemIndex, wait, { docId, ...result, deleted: true });
}
