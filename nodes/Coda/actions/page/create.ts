import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { codaPath, codaRequest } from '../../transport';
import {
	afterWrite,
	wantsWait,
	docLocator,
	forOperation,
	getOptions,
	parametersOf,
	pick,
	requireLocator,
	showFor,
	waitOptions,
} from '../common';
import { contentParameters, pageFields, readContent } from './content';

const displayOptions = showFor('page', 'create');

export const description = forOperation(displayOptions, [
	docLocator(),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Launch Status',
		description: 'Name of the new page',
	},
	...contentParameters({ label: 'Content', description: 'Initial content of the page (optional)' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...pageFields(),
			{
				displayName: 'Parent Page ID',
				name: 'parentPageId',
				type: 'string',
				default: '',
				placeholder: 'e.g. canvas-tuVwxYz',
				description: 'Create the page as a subpage of this page',
			},
		],
	},
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const docId = requireLocator(this, 'docId', itemIndex);
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name)
		throw parameterError(this.getNode(), 'name', 'it must not be empty', itemIndex, 'Name');
	const body: IDataObject = {
		name,
		...pick(getOptions(this, itemIndex), ['subtitle', 'iconName', 'imageUrl', 'parentPageId']),
	};
	const content = readContent(this, itemIndex);
	if (content) body.pageContent = { type: 'canvas', canvasContent: content };
	const result = await codaRequest<IDataObject>(this, {
		method: 'POST',
		path: codaPath`/docs/${docId}/pages`,
		body,
		replay: 'afterRateLimit',
		parameters: { ...parametersOf('docId'), page: 'Parent Page ID' },
	});
	return await afterWrite(this, itemIndex, wait, { docId, ...result });
}
