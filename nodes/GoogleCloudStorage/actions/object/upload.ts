import type { IExecuteFunctions } from 'n8n-workflow';

import { collection, contentHeaderOptions } from '../../../shared/node/description';
import { getIntegerOption, getNameValueMap } from '../../../shared/node/parameters';
import {
	expectedMd5Option,
	readContentHeaders,
	uploadBinary,
	uploadSource,
} from '../../../shared/node/upload';
import { readExpectedMd5 } from '../../../shared/storage/md5';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { assertBucketName, assertObjectName } from '../../../shared/storage/drivers/gcs/names';
import { uploadObject } from '../../../shared/storage/drivers/gcs/upload';
import { bucketLocator, forOperation, metadataEntries, showFor } from '../common';
import { invalid, locator } from '../params';

export const description = forOperation(showFor('object', 'upload'), [
	bucketLocator(),
	...uploadSource('objectName', 'Object Name', "The object's name"),
	collection('Options', [
		{
			displayName: 'Chunk Size (MiB)',
			name: 'chunkSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Send resumable uploads in chunks of this size, each retried on its own (one chunk is held in memory). 0 sends one streamed request.',
		},
		...contentHeaderOptions("The object's MIME type. Defaults to the binary data's MIME type."),
		expectedMd5Option,
		metadataEntries(),
		{
			displayName: 'Resumable Above (MiB)',
			name: 'resumableThreshold',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 8,
			description:
				'Files larger than this (or of unknown size) are sent as a resumable upload; smaller ones in one request',
		},
	]),
]);

interface Options {
	cacheControl?: string;
	chunkSize?: number;
	contentDisposition?: string;
	contentType?: string;
	expectedMd5?: string;
	metadata?: unknown;
	resumableThreshold?: number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	assertBucketName(bucket, 'bucket');
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const metadata = getNameValueMap(this, 'options.metadata', itemIndex);
	const chunkSizeMiB = getIntegerOption(this, options, 'chunkSize', itemIndex, { min: 0 });
	const threshold =
		options.resumableThreshold === undefined ? undefined : Number(options.resumableThreshold);
	if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < 0)) {
		throw invalid(
			this,
			'resumableThreshold',
			`"${String(options.resumableThreshold)}" is not a size in MiB`,
			itemIndex,
		);
	}
	return await uploadBinary(
		this,
		itemIndex,
		'objectName',
		(name) => assertObjectName(name, 'objectName'),
		async (input) =>
			await uploadObject(
				client,
				bucket,
				input.name,
				input.body,
				{
					...readContentHeaders(options, input),
					metadata,
					size: input.size,
					expectedMd5,
					chunkSize: chunkSizeMiB ? chunkSizeMiB * 1024 * 1024 : undefined,
					resumableThreshold:
						threshold === undefined ? undefined : Math.round(threshold * 1024 * 1024),
				},
				{ bucket: 'bucket', key: 'objectName' },
			),
	);
}
