import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, getKey, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'getTags');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const key = getKey(this, itemIndex);
	return { bucket, key, tags: await s3.getTags(bucket, key) };
}
