import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { deleteObject } from '../../../shared/storage/drivers/gcs/objects';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(showFor('object', 'delete'), [
	bucketLocator(),
	objectLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	const objectName = locator(this, 'objectName', itemIndex);
	await deleteObject(client, bucket, objectName, { bucket: 'bucket', key: 'objectName' });
	return { bucket, objectName, deleted: true };
}
