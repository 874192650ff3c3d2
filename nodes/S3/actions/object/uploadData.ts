import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonParameter } from '../../../shared/node/parameters';
import type { S3Service } from '../../../shared/storage/drivers/s3';
import {
	asBucketItem,
	bucketLocator,
	forOperation,
	getBucket,
	getKey,
	readWriteOptions,
	showFor,
	WRITE_OPTIONS,
	type WriteOptionValues,
} from '../common';

const displayOptions = showFor('object', 'uploadData');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. exports/summary.json',
		description: "The object's key",
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'Store the text as it is (UTF-8)' },
			{
				name: 'JSON',
				value: 'json',
				description: 'Store a JSON value; it is checked before anything is written',
			},
		],
		default: 'text',
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'The content of the object',
		displayOptions: { show: { format: ['text'] } },
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		default: '{}',
		description: 'The JSON value to store',
		displayOptions: { show: { format: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: WRITE_OPTIONS,
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const key = getKey(this, itemIndex);
	const format = this.getNodeParameter('format', itemIndex, 'text') as 'text' | 'json';
	const raw = this.getNodeParameter('data', itemIndex, '') as unknown;
	const write = readWriteOptions(
		this.getNodeParameter('options', itemIndex, {}) as WriteOptionValues,
	);
	let body: string;
	if (format === 'json') {
		body = JSON.stringify(parseJsonParameter(this.getNode(), 'data', raw, itemIndex) ?? null);
	} else {
		body = typeof raw === 'string' ? raw : JSON.stringify(raw);
	}
	const contentType =
		write.contentType ?? (format === 'json' ? 'application/json' : 'text/plain; charset=utf-8');
	const info = await s3.uploadData(bucket, key, body, { ...write, contentType });
	return { ...asBucketItem(info), ...(write.tags ? { tags: write.tags } : {}) };
}
