import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'getRegion');

export const description: INodeProperties[] = forOperation(displayOptions, [bucketLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	return { bucket, region: await s3.getBucketRegion(bucket) };
}
