import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseTags, type S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, getKey, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'setTags');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'json',
		default: '{}',
		required: true,
		description:
			'The whole new tag set as a JSON object, e.g. {"team": "data"}: at most 10. {} removes every tag.',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const key = getKey(this, itemIndex);
	const tags = parseTags(this.getNodeParameter('tags', itemIndex, '{}'));
	await s3.setTags(bucket, key, tags);
	return { bucket, key, tags };
}
