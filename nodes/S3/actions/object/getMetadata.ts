import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { S3Service } from '../../../shared/storage/drivers/s3';
import {
	asBucketItem,
	bucketLocator,
	forOperation,
	getBucket,
	getKey,
	keyLocator,
	showFor,
} from '../common';

const displayOptions = showFor('object', 'getMetadata');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	return asBucketItem(await s3.headObject(getBucket(this, itemIndex), getKey(this, itemIndex)));
}
