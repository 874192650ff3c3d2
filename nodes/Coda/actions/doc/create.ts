import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { codaRequest } from '../../transport';
import {
	afterWrite,
	forOperation,
	getOptions,
	pick,
	showFor,
	waitOptions,
	wantsWait,
} from '../common';

const displayOptions = showFor('doc', 'create');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Project Tracker',
		description: 'Title of the new doc; Coda uses "Untitled" when empty',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. fl-ABcdEFgHJi',
				description: 'The folder to create the doc in (default: "My docs")',
			},
			{
				displayName: 'Source Doc ID',
				name: 'sourceDoc',
				type: 'string',
				default: '',
				placeholder: 'e.g. iJKlm_noPq',
				description: 'Make the new doc a copy of this doc',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Paris',
				description: 'The timezone of the new doc',
			},
		],
	},
	...waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	// Read before the write, so a bad "Wait Timeout" fails before anything is sent.
	const wait = wantsWait(this, itemIndex);
	const options = getOptions(this, itemIndex);
	const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
	const body: IDataObject = {
		...(title ? { title } : {}),
		...pick(options, ['folderId', 'sourceDoc', 'timezone']),
	};
	const doc = await codaRequest<IDataObject>(this, {
		method: 'POST',
		path: '/docs',
		body,
		replay: 'afterRateLimit',
	});
	return await afterWrite(this, itemIndex, wait, doc);
}
