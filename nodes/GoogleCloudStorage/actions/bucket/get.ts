import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { getBucket } from '../../../shared/storage/drivers/gcs/buckets';
import { bucketLocator, forOperation, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(showFor('bucket', 'get'), [bucketLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	return await getBucket(client, locator(this, 'bucket', itemIndex), 'bucket');
}
