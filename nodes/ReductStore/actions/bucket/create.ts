import type { IExecuteFunctions } from 'n8n-workflow';

import { bucketPath, isHttpStatus, reductRequest } from '../../transport';
import { checkBucketName } from '../../validation';
import { forOperation, showFor } from '../common';
import { readSettings, settingsCollection } from './settings';
import { toNodeError } from '../../../shared/node/errors';

const displayOptions = showFor('bucket', 'create');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Bucket Name',
		name: 'bucketName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sensors',
		description: 'Letters, digits, "-" and "_"',
	},
	{
		displayName: 'Succeed If It Exists',
		name: 'existOk',
		type: 'boolean',
		default: false,
		description:
			'Whether to succeed, without changing its settings, when the bucket already exists',
	},
	settingsCollection('Settings', 'settings'),
]);

/** POST /b/:bucket with the settings given (the server's defaults for the others). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = checkBucketName(
		this.getNode(),
		this.getNodeParameter('bucketName', itemIndex),
		'bucketName',
		itemIndex,
	);
	const settings = readSettings(this, 'settings', itemIndex);
	const existOk = this.getNodeParameter('existOk', itemIndex, false) as boolean;
	try {
		await reductRequest(this, { method: 'POST', path: bucketPath(bucket), body: settings });
	} catch (error) {
		// 409: a bucket of that name exists (the seed's `exist_ok`)
		if (existOk && isHttpStatus(error, 409)) return { bucket, created: false };
		throw toNodeError(this.getNode(), error, itemIndex);
	}
	return { bucket, created: true, settings };
}
