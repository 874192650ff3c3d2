import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaPath, codaRequest } from '../../transport';
import {
	afterWrite,
	docLocator,
	forOperation,
	pageLocator,
	parametersOf,
	requireLocator,
	showFor,
	waitOptions,
	wantsWait,
} from '../common';

const displayOptions = showFor('page', 'delete');

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const pageId = requireLocator(this, 'pageId', itemIndex);
	const wait = wantsWait(this, itemIndex); // read before the write: a bad value writes nothing
	const result = await codaRequest<IDataObject>(this, {
		method: 'DELETE',
		path: codaPath`/docs/${docId}/pages/${pageId}`,
		parameters: parametersOf('docId', 'pageId'),
	});
	return await afterWrite(this, itemIndex, wait, { docId, ...result, deleted: true });
}
