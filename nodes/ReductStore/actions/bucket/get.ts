import type { IExecuteFunctions } from 'n8n-workflow';

import { bucketPath, reductRequest } from '../../transport';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';

const displayOptions = showFor('bucket', 'get');

export const description = forOperation(displayOptions, [bucketLocator()]);

/** GET /b/:bucket: settings, info (size, record range) and the entry list. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	return await reductRequest(this, { path: bucketPath(bucket) });
}
