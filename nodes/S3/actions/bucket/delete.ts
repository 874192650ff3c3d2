import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { forceParameter } from '../../../shared/node/description';
import type { S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'delete');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	forceParameter(
		'Whether to delete every object and unfinished multipart upload of the bucket first; without it a non-empty bucket is refused',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const force = getSwitch(this, 'force', itemIndex);
	const { deletedObjects } = await s3.deleteBucket(bucket, { force });
	return { bucket, deleted: true, ...(force ? { deletedObjects } : {}) };
}
