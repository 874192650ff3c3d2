import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireChange } from '../../../shared/node/errors';
import { codaPath, codaRequest } from '../../transport';
import { docLocator, forOperation, parametersOf, pick, requireLocator, showFor } from '../common';

const displayOptions = showFor('doc', 'update');

export const description = forOperation(displayOptions, [
	docLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Icon Name',
				name: 'iconName',
				type: 'string',
				default: '',
				placeholder: 'e.g. rocket',
				description: "Name of the doc's icon",
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'New title of the doc',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const docId = requireLocator(this, 'docId', itemIndex);
	const body: IDataObject = pick(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		['title', 'iconName'],
	);
	requireChange(
		this,
		body,
		itemIndex,
		'updateFields',
		'add a title or an icon name to change',
		'Update Fields',
	);
	await codaRequest(this, {
		method: 'PATCH',
		path: codaPath`/docs/${docId}`,
		body,
		replay: 'always',
		parameters: parametersOf('docId'),
	});
	return { id: docId, updated: true, ...body };
}
