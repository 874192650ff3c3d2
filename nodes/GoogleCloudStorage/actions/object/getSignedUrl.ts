import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { MAX_SIGNED_URL_SECONDS, signedUrl } from '../../../shared/storage/drivers/gcs/signedUrl';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { locator } from '../params';

export const description = forOperation(showFor('object', 'getSignedUrl'), [
	bucketLocator(),
	objectLocator(),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET (Download)', value: 'GET' },
			{ name: 'PUT (Upload)', value: 'PUT' },
		],
		default: 'GET',
		description: 'What the URL lets its holder do',
	},
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SIGNED_URL_SECONDS },
		default: 3600,
		description: 'How long the URL stays valid, from 1 second to 7 days (604800)',
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'string',
		default: '',
		placeholder: 'e.g. application/pdf',
		description:
			'The Content-Type the uploader must send (signed into the URL). Leave empty to allow any.',
		displayOptions: { show: { method: ['PUT'] } },
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	const objectName = locator(this, 'objectName', itemIndex);
	const method = this.getNodeParameter('method', itemIndex, 'GET') as 'GET' | 'PUT';
	const raw = this.getNodeParameter('expiresIn', itemIndex, 3600) as unknown;
	// A number written as text (from an expression) counts; signedUrl checks the rest.
	const expiresIn = (
		typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw
	) as number;
	const contentType =
		method === 'PUT'
			? String(this.getNodeParameter('contentType', itemIndex, '')).trim() || undefined
			: undefined;
	const { url, expiresAt } = await signedUrl(
		client,
		bucket,
		objectName,
		{ expiresIn, method, contentType },
		{ bucket: 'bucket', key: 'objectName' },
	);
	return { bucket, objectName, method, expiresIn, expiresAt, url };
}
