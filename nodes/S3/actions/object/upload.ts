import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collection } from '../../../shared/node/description';
import { getIntegerOption } from '../../../shared/node/parameters';
import { expectedMd5Option, uploadBinary, uploadSource } from '../../../shared/node/upload';
import { readExpectedMd5 } from '../../../shared/storage/md5';
import { assertS3Key, type S3Service } from '../../../shared/storage/drivers/s3';
import {
	asBucketItem,
	bucketLocator,
	forOperation,
	getBucket,
	readWriteOptions,
	showFor,
	WRITE_OPTIONS,
	type WriteOptionValues,
} from '../common';

const displayOptions = showFor('object', 'upload');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	...uploadSource('key', 'Key', "The object's key"),
	collection('Options', [
		...WRITE_OPTIONS,
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 4,
			description:
				"How many parts of a multipart upload are sent at once. Over a long link more parts use more of it; when they would need more than 32 MiB of buffers, a file's parts are read from n8n's binary store as they are sent.",
		},
		expectedMd5Option,
		{
			displayName: 'Part Size (MiB)',
			name: 'partSizeMiB',
			type: 'number',
			typeOptions: { minValue: 5, maxValue: 5120 },
			default: 5,
			description:
				'Files up to this size go in one request; larger ones are sent in parts of this size (multipart upload)',
		},
	]),
]);

interface Options extends WriteOptionValues {
	concurrency?: number;
	expectedMd5?: string;
	partSizeMiB?: number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const write = readWriteOptions(options);
	const partSizeMiB = getIntegerOption(this, options, 'partSizeMiB', itemIndex, {
		min: 5,
		max: 5120,
	});
	const concurrency = getIntegerOption(this, options, 'concurrency', itemIndex, {
		min: 1,
		max: 32,
	});
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const info = await uploadBinary(
		this,
		itemIndex,
		'key',
		(key) => assertS3Key(key, 'key'),
		async (input) =>
			await s3.upload(bucket, input.name, input.body, {
				...write,
				contentType: write.contentType ?? input.mimeType,
				size: input.size,
				partSize: (partSizeMiB ?? 5) * 1024 * 1024,
				concurrency: concurrency ?? 4,
				expectedMd5,
			}),
	);
	return { ...asBucketItem(info), ...(write.tags ? { tags: write.tags } : {}) };
}
