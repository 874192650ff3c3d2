import type { IExecuteFunctions } from 'n8n-workflow';

import { listingParameters } from '../../../shared/node/description';
import { getListingOptions, getListLimit } from '../../../shared/node/parameters';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { assertBucketName } from '../../../shared/storage/drivers/gcs/names';
import { listObjects } from '../../../shared/storage/drivers/gcs/objects';
import { bucketLocator, forOperation, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(
	showFor('object', 'list'),
	listingParameters(bucketLocator(), [
		{
			displayName: 'Delimiter',
			name: 'delimiter',
			type: 'string',
			default: '/',
			description:
				'Group names that share a prefix up to this character into one "prefix" item, like folders',
		},
		{
			displayName: 'Prefix',
			name: 'prefix',
			type: 'string',
			default: '',
			placeholder: 'e.g. reports/2026/',
			description: 'Only list objects whose names start with this',
		},
	]),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	assertBucketName(bucket, 'bucket');
	const limit = getListLimit(this, itemIndex);
	return await listObjects(client, bucket, { ...getListingOptions(this, itemIndex), limit });
}
