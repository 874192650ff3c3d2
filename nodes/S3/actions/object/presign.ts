import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	isPresignExpiry,
	MAX_PRESIGN_SECONDS,
	type S3Service,
} from '../../../shared/storage/drivers/s3';
import {
	bucketLocator,
	forOperation,
	getBucket,
	getKey,
	invalid,
	keyLocator,
	showFor,
} from '../common';

const displayOptions = showFor('object', 'presign');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET (Download)', value: 'GET' },
			{ name: 'PUT (Upload)', value: 'PUT' },
		],
		default: 'GET',
		description: 'What the URL lets its holder do, with no credential',
	},
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PRESIGN_SECONDS },
		default: 3600,
		description: 'How long the URL stays valid, from 1 second to 7 days (604800)',
	},
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
	const raw = this.getNodeParameter('expiresIn', itemIndex, 3600) as unknown;
	const expiresIn = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (!isPresignExpiry(expiresIn)) {
		throw invalid(
			this,
			'expiresIn',
			`${String(raw)} is outside 1 second to 7 days (${MAX_PRESIGN_SECONDS} seconds)`,
			itemIndex,
		);
	}
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
