import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertS3Key, type S3Service } from '../../../shared/storage/drivers/s3';
import { bucketLocator, forOperation, getBucket, inBucketWords, invalid, showFor } from '../common';

const displayOptions = showFor('object', 'deleteMany');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	{
		displayName: 'Keys',
		name: 'keys',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. a.txt, reports/b.pdf',
		description:
			'Keys to delete, separated by commas or new lines, or an array from an expression. Sent 1,000 per request; each key gets its own result, and a key that does not exist is reported as not deleted.',
	},
]);

function readKeys(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('keys', itemIndex, '') as unknown;
	const keys = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
		.map((key) => key.trim())
		.filter((key) => key.length > 0);
	if (keys.length === 0) throw invalid(ctx, 'keys', 'give at least one key', itemIndex);
	for (const key of keys) assertS3Key(key, 'keys');
	return [...new Set(keys)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const keys = readKeys(this, itemIndex);
	const results = await s3.deleteObjects(bucket, keys);
	// A key that did not exist is reported as missing (deleted: false), never as deleted.
	return results.map(({ error, ...result }) => ({
		bucket,
		...result,
		...(error ? { error: inBucketWords(error) } : {}),
	}));
}
