import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { openBinaryInput } from '../../../shared/node/binary';
import { discardBody } from '../../../shared/storage/parts';
import { toNodeError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
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
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		placeholder: 'e.g. reports/2026/summary.pdf',
		description: "The object's key. Leave empty to use the binary file's name.",
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
			...WRITE_OPTIONS,
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 16 },
				default: 4,
				description: 'How many parts of a multipart upload are sent at once',
			},
			{
				displayName: 'Expected MD5',
				name: 'expectedMd5',
				type: 'string',
				default: '',
				description:
					'Hex MD5 the uploaded bytes must have; on a mismatch the upload is abandoned and nothing is stored',
			},
			{
				displayName: 'Part Size (MiB)',
				name: 'partSizeMiB',
				type: 'number',
				typeOptions: { minValue: 5, maxValue: 5120 },
				default: 5,
				description:
					'Files up to this size go in one request; larger ones are sent in parts of this size (multipart upload)',
			},
		],
	},
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
	const partSizeMiB =
		options.partSizeMiB === undefined
			? 5
			: getInteger(this, 'options.partSizeMiB', itemIndex, { min: 5, max: 5120 });
	const concurrency =
		options.concurrency === undefined
			? 4
			: getInteger(this, 'options.concurrency', itemIndex, { min: 1, max: 16 });
	const input = await openBinaryInput(this, itemIndex);
	const key = String(this.getNodeParameter('key', itemIndex, '')).trim() || input.fileName || '';
	try {
		assertS3Key(key, 'key');
	} catch (error) {
		discardBody(input.body);
		throw toNodeError(this.getNode(), error, itemIndex);
	}
	const info = await s3.upload(bucket, key, input.body, {
		...write,
		contentType: write.contentType ?? input.mimeType,
		size: input.size,
		partSize: partSizeMiB * 1024 * 1024,
		concurrency,
		expectedMd5: options.expectedMd5?.trim() || undefined,
	});
	return { ...asBucketItem(info), ...(write.tags ? { tags: write.tags } : {}) };
}
