import type { IExecuteFunctions } from 'n8n-workflow';

import { entryPath, reductRequest } from '../../transport';
import { bucketLocator, entryLocator, forOperation, getBucket, getEntry, showFor } from '../common';

const displayOptions = showFor('entry', 'remove');

export const description = forOperation(displayOptions, [bucketLocator(), entryLocator()]);

/** DELETE /b/:bucket/:entry (no `ts`): the entry and all its records. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	await reductRequest(this, { method: 'DELETE', path: entryPath(bucket, entry) });
	return { bucket, entry, removed: true };
}
