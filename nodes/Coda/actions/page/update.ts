import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireChange } from '../../../shared/node/errors';
import { docLocator, forOperation, pageLocator, pick, showFor, waitOptions } from '../common';
import { queuedWrite, writeTo } from '../operations';
import { contentParameters, pageFields, readContent } from './content';

const displayOptions = showFor('page', 'update');

export const description = forOperation(displayOptions, [
	docLocator(),
	pageLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...pageFields(),
			{
				displayName: 'Hidden',
				name: 'isHidden',
				type: 'boolean',
				default: false,
				description: 'Whether the page is hidden',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the page',
			},
		],
	},
	...contentParameters({
		label: 'Content',
		description: 'Content to add to the page; leave empty to keep the content as it is',
	}),
	{
		displayName: 'Insertion Mode',
		name: 'insertionMode',
		type: 'options',
		options: [
			{
				name: 'Append',
				value: 'append',
				description: "Add after the page's content (or after the element)",
			},
			{
				name: 'Prepend',
				value: 'prepend',
				description: "Add before the page's content (or before the element)",
			},
			{
				name: 'Replace',
				value: 'replace',
				description: "Replace the page's content (or the element)",
			},
		],
		default: 'append',
		description: 'Where the content goes',
	},
	{
		displayName: 'Element ID',
		name: 'elementId',
		type: 'string',
		default: '',
		placeholder: 'e.g. cl-lzqh0Q0poT',
		description:
			'Insert relative to this element of the page (from "Get Content") instead of the whole page',
	},
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await queuedWrite(this, itemIndex, ['docId', 'pageId'], async (target) => {
		const body: IDataObject = pick(
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			['name', 'subtitle', 'iconName', 'imageUrl', 'isHidden'],
		);
		const content = readContent(this, itemIndex);
		if (content) {
			const elementId = String(this.getNodeParameter('elementId', itemIndex, '') ?? '').trim();
			body.contentUpdate = {
				insertionMode: String(this.getNodeParameter('insertionMode', itemIndex, 'append')),
				...(elementId ? { elementId } : {}),
				canvasContent: content,
			};
		}
		requireChange(
			this,
			body,
			itemIndex,
			'updateFields',
			'add a field to change or some content',
			'Update Fields',
		);
		const result = await writeTo(this, target, { method: 'PUT', body });
		return { docId: target.ids.docId, ...result };
	});
}
