import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'exists');

export const description: INodeProperties[] = forOperation(displayOptions, [bucketLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	return await s3.bucketExists(getBucket(this, itemIndex));
}
