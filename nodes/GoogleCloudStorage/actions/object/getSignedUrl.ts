import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { MAX_SIGNED_URL_SECONDS, signedUrl } from '../../../shared/storage/drivers/gcs/signedUrl';
import { getExpiresIn, urlParameters, type UrlExpiry } from '../../../shared/node/urls';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';

/** v4 signed URLs: 1 second to 7 days, checked by signedUrl. */
const SIGNED_URL_EXPIRY: UrlExpiry = {
	max: MAX_SIGNED_URL_SECONDS,
	help: 'from 1 second to 7 days (604800)',
};
import { locator } from '../params';

export const description = forOperation(showFor('object', 'getSignedUrl'), [
	bucketLocator(),
	objectLocator(),
	...urlParameters(SIGNED_URL_EXPIRY, 'What the URL lets its holder do'),
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
	const expiresIn = getExpiresIn(this, itemIndex, SIGNED_URL_EXPIRY);
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
