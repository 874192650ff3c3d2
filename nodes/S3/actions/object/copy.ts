import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import { assertBucketName, type S3Service } from '../../../shared/storage/drivers/s3';
import {
	asBucketItem,
	bucketLocator,
	forOperation,
	getBucket,
	getKey,
	keyLocator,
	readWriteOptions,
	showFor,
	WRITE_OPTIONS,
	type WriteOptionValues,
} from '../common';
import { nameOf } from '../../../shared/node/errors';

const displayOptions = showFor('object', 'copy');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator('sourceBucket', 'Source Bucket'),
	keyLocator('sourceKey', 'Source Key', true),
	{
		...bucketLocator('destinationBucket', 'Destination Bucket', false),
		description: 'The bucket to copy into. Leave empty to copy within the source bucket.',
	},
	{
		displayName: 'Destination Key',
		name: 'destinationKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. archive/summary.pdf',
		description: 'The key of the copy',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Replace Metadata',
				name: 'replaceMetadata',
				type: 'boolean',
				default: false,
				description:
					'Whether to give the copy the content type, metadata and tags set here instead of copying those of the source',
			},
			...WRITE_OPTIONS,
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const sourceBucket = getBucket(this, itemIndex, 'sourceBucket');
	const sourceKey = getKey(this, itemIndex, 'sourceKey');
	const destinationBucket = getLocatorValue(this, 'destinationBucket', itemIndex) || sourceBucket;
	assertBucketName(destinationBucket, nameOf(this.getNode(), 'destinationBucket'));
	const destinationKey = getKey(this, itemIndex, 'destinationKey');
	const options = this.getNodeParameter('options', itemIndex, {}) as WriteOptionValues & {
		replaceMetadata?: boolean;
	};
	const write = readWriteOptions(options);
	const info = await s3.copy(
		{ bucket: sourceBucket, key: sourceKey },
		{ bucket: destinationBucket, key: destinationKey },
		{ ...write, replaceMetadata: options.replaceMetadata === true },
	);
	return asBucketItem(info);
}
