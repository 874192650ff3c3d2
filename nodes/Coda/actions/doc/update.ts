import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
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
	if (Object.keys(body).length === 0) {
		throw parameterError(
			this.getNode(),
			'updateFields',
			'add a title or an icon name to change',
			itemIndex,
			'Update Fields',
		);
	}
	await codaRequest(this, {
		method: 'PATCH',
		path: codaPath`/docs/${docId}`,
		body,
		replay: 'always',
		parameters: parametersOf('docId'),
	});
	return { id: docId, updated: true, ...body };
}
