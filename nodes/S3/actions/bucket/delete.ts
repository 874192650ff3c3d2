import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'delete');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	{
		displayName: 'Force',
		name: 'force',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete every object and unfinished multipart upload of the bucket first; without it a non-empty bucket is refused',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const force = this.getNodeParameter('force', itemIndex, false) as boolean;
	const { deletedObjects } = await s3.deleteBucket(bucket, { force });
	return { bucket, deleted: true, ...(force ? { deletedObjects } : {}) };
}
