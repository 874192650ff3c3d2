import type { IExecuteFunctions } from 'n8n-workflow';

import { openBinaryInput } from '../../../shared/node/binary';
import { discardBody } from '../../../shared/storage/parts';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { assertBucketName, assertObjectName } from '../../../shared/storage/drivers/gcs/names';
import { uploadObject } from '../../../shared/storage/drivers/gcs/upload';
import { bucketLocator, forOperation, metadataEntries, showFor } from '../common';
import { invalid, locator, mebibytes, readMetadata } from '../params';

export const description = forOperation(showFor('object', 'upload'), [
	bucketLocator(),
	{
		displayName: 'Object Name',
		name: 'objectName',
		type: 'string',
		default: '',
		placeholder: 'e.g. reports/2026/summary.pdf',
		description: "The object's name. Leave empty to use the binary file's name.",
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the input binary property holding the file to upload',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Cache Control',
				name: 'cacheControl',
				type: 'string',
				default: '',
				placeholder: 'e.g. public, max-age=3600',
			},
			{
				displayName: 'Chunk Size (MiB)',
				name: 'chunkSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Send resumable uploads in chunks of this size, each retried on its own (one chunk is held in memory). 0 sends one streamed request.',
			},
			{
				displayName: 'Content Disposition',
				name: 'contentDisposition',
				type: 'string',
				default: '',
				placeholder: 'e.g. attachment; filename="a.pdf"',
			},
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'string',
				default: '',
				placeholder: 'e.g. application/pdf',
				description: "The object's MIME type. Defaults to the binary data's MIME type.",
			},
			{
				displayName: 'Expected MD5',
				name: 'expectedMd5',
				type: 'string',
				default: '',
				description:
					'Hex MD5 the uploaded bytes must have; Google refuses (and the node removes) a mismatching upload',
			},
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
		],
	},
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
	// Its form (32 hexadecimal characters) is checked by uploadObject, before anything is sent.
	const expectedMd5 = options.expectedMd5?.trim() || undefined;
	const metadata = readMetadata(this, options.metadata, 'metadata', itemIndex);
	const chunkSize = mebibytes(this, options.chunkSize, 'chunkSize', itemIndex);
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
	const input = await openBinaryInput(this, itemIndex);
	try {
		const objectName =
			String(this.getNodeParameter('objectName', itemIndex, '')).trim() || input.fileName || '';
		assertObjectName(objectName, 'objectName');
		return await uploadObject(
			client,
			bucket,
			objectName,
			input.body,
			{
				contentType: options.contentType?.trim() || input.mimeType,
				cacheControl: options.cacheControl?.trim() || undefined,
				contentDisposition: options.contentDisposition?.trim() || undefined,
				metadata,
				size: input.size,
				expectedMd5,
				chunkSize,
				resumableThreshold:
					threshold === undefined ? undefined : Math.round(threshold * 1024 * 1024),
			},
			{ bucket: 'bucket', key: 'objectName' },
		);
	} finally {
		// refused before reading (bad name) or failed midway: never leave n8n's stream open
		discardBody(input.body);
	}
}
