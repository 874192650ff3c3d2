import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { copyObject } from '../../../shared/storage/drivers/gcs/objects';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(showFor('object', 'copy'), [
	bucketLocator('sourceBucket', 'Source Bucket'),
	objectLocator('sourceObject', 'Source Object', true),
	{
		...bucketLocator('destinationBucket', 'Destination Bucket'),
		required: false,
		description: 'The bucket to copy into. Leave empty to copy within the source bucket.',
	},
	{
		displayName: 'Destination Object Name',
		name: 'destinationObject',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. archive/summary.pdf',
		description: 'The name of the copy',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const source = {
		container: locator(this, 'sourceBucket', itemIndex),
		key: locator(this, 'sourceObject', itemIndex),
	};
	const target = {
		container: locator(this, 'destinationBucket', itemIndex) || source.container,
		key: String(this.getNodeParameter('destinationObject', itemIndex, '')).trim(),
	};
	return await copyObject(client, source, target, {
		sourceBucket: 'sourceBucket',
		sourceKey: 'sourceObject',
		targetBucket: 'destinationBucket',
		targetKey: 'destinationObject',
	});
}
