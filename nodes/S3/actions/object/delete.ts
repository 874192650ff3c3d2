import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, getKey, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'delete');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Version ID',
				name: 'versionId',
				type: 'string',
				default: '',
				description: 'Delete this version of the object (versioned buckets)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const key = getKey(this, itemIndex);
	const { versionId } = this.getNodeParameter('options', itemIndex, {}) as { versionId?: string };
	await s3.deleteObject(bucket, key, versionId?.trim() || undefined);
	return { bucket, key, deleted: true, ...(versionId ? { versionId } : {}) };
}
