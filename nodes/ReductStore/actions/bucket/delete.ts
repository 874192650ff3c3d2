import type { IExecuteFunctions } from 'n8n-workflow';

import { bucketPath, reductRequest } from '../../transport';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'delete');

export const description = forOperation(displayOptions, [bucketLocator()]);

/** DELETE /b/:bucket: the bucket and all its data. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	await reductRequest(this, { method: 'DELETE', path: bucketPath(bucket) });
	return { bucket, deleted: true };
}
