import type { IExecuteFunctions } from 'n8n-workflow';

import { newNameParameter } from '../../../shared/node/description';
import { bucketPath } from '../../transport';
import { checkBucketName } from '../../validation';
import { bucketLocator, forOperation, getBucket, renameAt, showFor } from '../common';

const displayOptions = showFor('bucket', 'rename');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	newNameParameter({
		placeholder: 'e.g. sensors-archive',
		description: 'The new bucket name: letters, digits, "-" and "_"',
	}),
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
	await renameAt(this, bucketPath(bucket), newName);
	return { bucket: newName, previousName: bucket, renamed: true };
}
