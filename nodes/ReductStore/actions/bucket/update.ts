import type { IExecuteFunctions } from 'n8n-workflow';

import { bucketPath, reductRequest } from '../../transport';
import { invalid } from '../../validation';
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
	if (Object.keys(settings).length === 0) {
		throw invalid(this.getNode(), 'settings', 'add at least one setting to change', itemIndex);
	}
	await reductRequest(this, { method: 'PUT', path: bucketPath(bucket), body: settings });
	const current = await reductRequest<{ settings?: object }>(this, { path: bucketPath(bucket) });
	return { bucket, settings: current.settings ?? settings };
}
