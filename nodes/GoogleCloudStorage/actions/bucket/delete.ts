import type { IExecuteFunctions } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { forceParameter } from '../../../shared/node/description';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { deleteBucket } from '../../../shared/storage/drivers/gcs/buckets';
import { bucketLocator, forOperation, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(showFor('bucket', 'delete'), [
	bucketLocator(),
	forceParameter(
		'Whether to delete every object (and object version) in the bucket first; without it a non-empty bucket is refused',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	await deleteBucket(client, bucket, {
		force: getSwitch(this, 'force', itemIndex),
		parameter: 'bucket',
	});
	return { bucket, deleted: true };
}
