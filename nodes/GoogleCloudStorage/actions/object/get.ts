import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { getObject } from '../../../shared/storage/drivers/gcs/objects';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(showFor('object', 'get'), [
	bucketLocator(),
	objectLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	return await getObject(
		client,
		locator(this, 'bucket', itemIndex),
		locator(this, 'objectName', itemIndex),
		{
			bucket: 'bucket',
			key: 'objectName',
		},
	);
}
