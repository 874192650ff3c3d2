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
		{
			displayName: 'Composite Part Size (MiB)',
			name: 'compositePartSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 256 },
			default: 8,
			description:
				'Size of each part of a parallel composite upload (raised when needed to stay within 1,024 parts)',
		},
		{
			displayName: 'Composite Parts at Once',
			name: 'compositeConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 8,
			description:
				'Parts of a parallel composite upload sent at once; memory used is about (this + 1) × the part size',
		},
		...contentHeaderOptions("The object's MIME type. Defaults to the binary data's MIME type."),
		expectedMd5Option,
		metadataEntries(),
		{
			displayName: 'Parallel Composite Above (MiB)',
			name: 'compositeThreshold',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Files larger than this (or of unknown size) go as a parallel composite upload: parts sent at once as temporary objects under cloud-pack-tmp/parallel-composite/, composed into the object, then deleted. Much faster over a long network path. The object then has a CRC32C but no MD5. 0 turns it off.',
		},
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
	compositeConcurrency?: number;
	compositePartSize?: number;
	compositeThreshold?: number;
	contentDisposition?: string;
	contentType?: string;
	expectedMd5?: string;
	metadata?: unknown;
	resumableThreshold?: number;
}

/** A size option in MiB (0 or more, fractions allowed) as bytes; absent: undefined. */
function sizeInMiB(
	ctx: IExecuteFunctions,
	options: Options,
	name: 'resumableThreshold' | 'compositeThreshold',
	itemIndex: number,
): number | undefined {
	const raw = options[name];
	if (raw === undefined) return undefined;
	const mib = Number(raw);
	if (!Number.isFinite(mib) || mib < 0) {
		throw invalid(ctx, name, `"${String(raw)}" is not a size in MiB`, itemIndex);
	}
	return Math.round(mib * 1024 * 1024);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	assertBucketName(bucket, 'bucket');
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const metadata = getNameValueMap(this, 'options.metadata', itemIndex);
	const chunkSizeMiB = getIntegerOption(this, options, 'chunkSize', itemIndex, { min: 0 });
	const threshold = sizeInMiB(this, options, 'resumableThreshold', itemIndex);
	const compositeThreshold = sizeInMiB(this, options, 'compositeThreshold', itemIndex);
	const compositePartSizeMiB = getIntegerOption(this, options, 'compositePartSize', itemIndex, {
		min: 1,
		max: 256,
	});
	const compositeConcurrency = getIntegerOption(this, options, 'compositeConcurrency', itemIndex, {
		min: 1,
		max: 32,
	});
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
					resumableThreshold: threshold,
					compositeThreshold,
					compositePartSize:
						compositePartSizeMiB === undefined ? undefined : compositePartSizeMiB * 1024 * 1024,
					compositeConcurrency,
				},
				{ bucket: 'bucket', key: 'objectName' },
			),
	);
}
