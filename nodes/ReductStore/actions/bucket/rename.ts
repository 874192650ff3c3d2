import type { IExecuteFunctions } from 'n8n-workflow';

import { bucketPath, reductRequest } from '../../transport';
import { checkBucketName } from '../../validation';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'rename');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sensors-archive',
		description: 'The new bucket name: letters, digits, "-" and "_"',
	},
]);

/** PUT /b/:bucket/rename {"new_name"} */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const newName = checkBucketName(
		this.getNode(),
		this.getNodeParameter('newName', itemIndex),
		'newName',
		itemIndex,
	);
	await reductRequest(this, {
		method: 'PUT',
		path: `${bucketPath(bucket)}/rename`,
		body: { new_name: newName },
	});
	return { bucket: newName, previousName: bucket, renamed: true };
}
