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

const displayOptions = showFor('page', 'deleteContent');

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	{
		displayName: 'Element IDs',
		name: 'elementIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. cl-lzqh0Q0poT, cl-abc123def',
		description:
			"Elements to delete, separated by commas, or an array from an expression; leave empty to delete all the page's content",
	},
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const docId = requireLocator(this, 'docId', itemIndex);
	const pageId = requireLocator(this, 'pageId', itemIndex);
	const raw = this.getNodeParameter('elementIds', itemIndex, '') as unknown;
	const elementIds = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
		.map((id) => id.trim())
		.filter(Boolean);
	const result = await codaRequest<IDataObject>(this, {
		method: 'DELETE',
		path: codaPath`/docs/${docId}/pages/${pageId}/content`,
		body: elementIds.length ? { elementIds } : {},
		parameters: parametersOf('docId', 'pageId'),
	});
	return await afterWrite(this, itemIndex, wait, {
		docId,
		...result,
		deletedElements: elementIds.length ? elementIds : 'all',
	});
}
