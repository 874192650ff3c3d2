import type { IExecuteFunctions } from 'n8n-workflow';

import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import {
	updateObjectMetadata,
	type MetadataPatch,
} from '../../../shared/storage/drivers/gcs/objects';
import { bucketLocator, forOperation, metadataEntries, objectLocator, showFor } from '../common';
import { getNameValueMap } from '../../../shared/node/parameters';
import { invalid, locator } from '../params';

export const description = forOperation(showFor('object', 'update'), [
	bucketLocator(),
	objectLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Cache Control', name: 'cacheControl', type: 'string', default: '' },
			{
				displayName: 'Content Disposition',
				name: 'contentDisposition',
				type: 'string',
				default: '',
			},
			{ displayName: 'Content Encoding', name: 'contentEncoding', type: 'string', default: '' },
			{ displayName: 'Content Language', name: 'contentLanguage', type: 'string', default: '' },
			{ displayName: 'Content Type', name: 'contentType', type: 'string', default: '' },
			metadataEntries('Metadata to Set'),
			{
				displayName: 'Metadata Keys to Remove',
				name: 'removeMetadata',
				type: 'string',
				default: '',
				placeholder: 'e.g. owner, stage',
				description: 'Custom metadata keys to remove, separated by commas',
			},
		],
	},
]);

interface UpdateFields {
	cacheControl?: string;
	contentDisposition?: string;
	contentEncoding?: string;
	contentLanguage?: string;
	contentType?: string;
	metadata?: unknown;
	removeMetadata?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	const objectName = locator(this, 'objectName', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	const patch: MetadataPatch = {};
	for (const field of [
		'cacheControl',
		'contentDisposition',
		'contentEncoding',
		'contentLanguage',
		'contentType',
	] as const) {
		if (fields[field] !== undefined) patch[field] = String(fields[field]);
	}
	const set = getNameValueMap(this, 'updateFields.metadata', itemIndex);
	const remove = String(fields.removeMetadata ?? '')
		.split(',')
		.map((key) => key.trim())
		.filter(Boolean);
	const both = remove.filter((key) => key in set);
	if (both.length)
		throw invalid(this, 'updateFields', `the key "${both[0]}" is both set and removed`, itemIndex);
	if (Object.keys(set).length || remove.length) {
		patch.metadata = { ...set, ...Object.fromEntries(remove.map((key) => [key, null])) };
	}
	return await updateObjectMetadata(client, bucket, objectName, patch, {
		bucket: 'bucket',
		key: 'objectName',
	});
}
