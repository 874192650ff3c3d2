import type { IExecuteFunctions } from 'n8n-workflow';

import { bucketPath, reductRequest } from '../../transport';
import { requireChange } from '../../../shared/node/errors';
import { bucketLocator, forOperation, getBucket, showFor } from '../common';
import { readSettings, settingsCollection } from './settings';

const displayOptions = showFor('bucket', 'update');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	settingsCollection('Settings to Change', 'settings'),
]);

/** PUT /b/:bucket with the settings to change; the others keep their values. Returns the new settings. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const settings = readSettings(this, 'settings', itemIndex);
	requireChange(this, settings, itemIndex, 'settings', 'add at least one setting to change');
	await reductRequest(this, { method: 'PUT', path: bucketPath(bucket), body: settings });
	const current = await reductRequest<{ settings?: object }>(this, { path: bucketPath(bucket) });
	return { bucket, settings: current.settings ?? settings };
}
