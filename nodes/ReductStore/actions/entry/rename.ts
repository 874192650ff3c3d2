import type { IExecuteFunctions } from 'n8n-workflow';

import { newNameParameter } from '../../../shared/node/description';
import { entryPath } from '../../transport';
import { checkEntryName } from '../../validation';
import {
	bucketLocator,
	entryLocator,
	forOperation,
	getBucket,
	getEntry,
	renameAt,
	showFor,
} from '../common';

const displayOptions = showFor('entry', 'rename');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	entryLocator(),
	newNameParameter({ placeholder: 'e.g. robot/cam-2', description: 'The new entry name' }),
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
	await renameAt(this, entryPath(bucket, entry), newName);
	return { bucket, entry: newName, previousName: entry, renamed: true };
}
