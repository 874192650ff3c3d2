import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getExpiresIn, urlParameters, type UrlExpiry } from '../../../shared/node/urls';
import { MAX_PRESIGN_SECONDS, type S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, getKey, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'presign');

/** SigV4: 1 second to 7 days. */
const PRESIGN_EXPIRY: UrlExpiry = {
	max: MAX_PRESIGN_SECONDS,
	help: 'from 1 second to 7 days (604800)',
	check: { outside: `1 second to 7 days (${MAX_PRESIGN_SECONDS} seconds)` },
};

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
	...urlParameters(PRESIGN_EXPIRY, 'What the URL lets its holder do, with no credential'),
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'string',
		default: '',
		placeholder: 'e.g. image/png',
		description:
			'The Content-Type the uploader must send (signed into the URL). Leave empty to allow any.',
		displayOptions: { show: { method: ['PUT'] } },
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const key = getKey(this, itemIndex);
	const method = this.getNodeParameter('method', itemIndex, 'GET') as 'GET' | 'PUT';
	const expiresIn = getExpiresIn(this, itemIndex, PRESIGN_EXPIRY);
	const contentType =
		method === 'PUT' ? String(this.getNodeParameter('contentType', itemIndex, '')).trim() : '';
	const url = await s3.presign(bucket, key, {
		method,
		expiresIn,
		contentType: contentType || undefined,
	});
	const expiresAt = new Date(Date.now() + expiresIn * 1000).toISOString();
	return {
		bucket,
		key,
		method,
		expiresIn,
		expiresAt,
		url,
		...(contentType ? { contentType } : {}),
	};
}
