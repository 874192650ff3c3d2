import type { IExecuteFunctions } from 'n8n-workflow';

import { docLocator, forOperation, pageLocator, showFor, waitOptions } from '../common';
import { queuedWrite, writeTo } from '../operations';

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
	return await queuedWrite(this, itemIndex, ['docId', 'pageId'], async (target) => {
		const raw = this.getNodeParameter('elementIds', itemIndex, '') as unknown;
		const elementIds = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
			.map((id) => id.trim())
			.filter(Boolean);
		const result = await writeTo(this, target, {
			method: 'DELETE',
			below: '/content',
			body: elementIds.length ? { elementIds } : {},
		});
		return {
			docId: target.ids.docId,
			...result,
			deletedElements: elementIds.length ? elementIds : 'all',
		};
	});
}
