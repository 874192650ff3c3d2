import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { keyListingOptions, listingParameters } from '../../../shared/node/description';
import type { S3Service } from '../../../shared/storage/drivers/s3';
import { asBucketItem, bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('object', 'list');

export const description: INodeProperties[] = forOperation(
	displayOptions,
	listingParameters(bucketLocator(), [
		...keyListingOptions,
		{
			displayName: 'Start After',
			name: 'startAfter',
			type: 'string',
			default: '',
			placeholder: 'e.g. reports/2026/03.pdf',
			description: 'Only list keys that come after this one (in UTF-8 binary order)',
		},
	]),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const limit = getListLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		prefix?: string;
		delimiter?: string;
		startAfter?: string;
	};
	const items: Array<{ json: Record<string, unknown> }> = [];
	for await (const entry of s3.listObjects(bucket, options, limit))
		items.push({ json: asBucketItem(entry) });
	return items;
}
