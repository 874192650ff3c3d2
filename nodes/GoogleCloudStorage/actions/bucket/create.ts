import type { IExecuteFunctions } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { succeedIfExistsParameter } from '../../../shared/node/description';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { createBucket } from '../../../shared/storage/drivers/gcs/buckets';
import { forOperation, showFor } from '../common';

export const description = forOperation(showFor('bucket', 'create'), [
	{
		displayName: 'Bucket Name',
		name: 'bucketName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. my-reports-2026',
		description:
			'Globally unique; 3-63 lowercase letters, digits, dashes, underscores and dots, starting and ending with a letter or digit',
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: 'US',
		placeholder: 'e.g. US, EU, europe-west1',
		description: 'A multi-region (US, EU, ASIA), dual-region or region; it cannot be changed later',
	},
	{
		displayName: 'Storage Class',
		name: 'storageClass',
		type: 'options',
		options: [
			{ name: 'Standard', value: 'STANDARD' },
			{ name: 'Nearline', value: 'NEARLINE', description: 'Read about once a month' },
			{ name: 'Coldline', value: 'COLDLINE', description: 'Read about once a quarter' },
			{ name: 'Archive', value: 'ARCHIVE', description: 'Read less than once a year' },
		],
		default: 'STANDARD',
		description: 'The default storage class of objects added to the bucket',
	},
	succeedIfExistsParameter(
		'Whether to succeed, without changing anything, when the bucket already exists and is yours',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const name = String(this.getNodeParameter('bucketName', itemIndex, '')).trim();
	const { created, container } = await createBucket(client, name, {
		location: String(this.getNodeParameter('location', itemIndex, '')).trim() || undefined,
		storageClass: String(this.getNodeParameter('storageClass', itemIndex, '')).trim() || undefined,
		ifNotExists: getSwitch(this, 'ifNotExists', itemIndex),
		parameter: 'bucketName',
	});
	return { ...container, created };
}
