import type { IExecuteFunctions } from 'n8n-workflow';

import { entryPath, reductRequest } from '../../transport';
import { checkEntryName } from '../../validation';
import { bucketLocator, entryLocator, forOperation, getBucket, getEntry, showFor } from '../common';

const displayOptions = showFor('entry', 'rename');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	entryLocator(),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. robot/cam-2',
		description: 'The new entry name',
	},
]);

/** PUT /b/:bucket/:entry/rename {"new_name"} */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	const newName = checkEntryName(
		this.getNode(),
		this.getNodeParameter('newName', itemIndex),
		'newName',
		itemIndex,
	);
	await reductRequest(this, {
		method: 'PUT',
		path: `${entryPath(bucket, entry)}/rename`,
		body: { new_name: newName },
	});
	return { bucket, entry: newName, previousName: entry, renamed: true };
}
