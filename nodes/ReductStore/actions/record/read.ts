import type { IExecuteFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';

import { metaFromHeaders, recordFileName, recordJson } from '../../records';
import { entryPath, reductRequestFull } from '../../transport';
import { invalid, parseTimestamp } from '../../validation';
import { bucketLocator, entryLocator, forOperation, getBucket, getEntry, showFor } from '../common';

const displayOptions = showFor('record', 'read');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	entryLocator(),
	{
		displayName: 'Record',
		name: 'readAt',
		type: 'options',
		options: [
			{ name: 'Latest', value: 'latest', description: 'The newest record of the entry' },
			{
				name: 'At a Timestamp',
				value: 'timestamp',
				description: 'The record with an exact timestamp',
			},
		],
		default: 'latest',
	},
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2026-01-31T12:00:00.123456Z or 1769860800123456',
		description:
			'The exact timestamp of the record: an ISO 8601 date (UTC unless it names a zone) or microseconds since 1970',
		displayOptions: { show: { readAt: ['timestamp'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The name of the output binary property for the record content',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Only Metadata',
				name: 'onlyMetadata',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only the timestamp, size, content type and labels, without the content',
			},
		],
	},
]);

/** GET (or HEAD) /b/:bucket/:entry[?ts=]: the content as binary, the metadata as JSON. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	const atTimestamp = this.getNodeParameter('readAt', itemIndex, 'latest') === 'timestamp';
	const qs = atTimestamp
		? {
				ts: parseTimestamp(
					this.getNode(),
					this.getNodeParameter('timestamp', itemIndex, ''),
					'timestamp',
					itemIndex,
					{
						allowNow: false,
					},
				).toString(),
			}
		: undefined;
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property)
		throw invalid(this.getNode(), 'outputBinaryPropertyName', 'it must not be empty', itemIndex);
	const { onlyMetadata } = this.getNodeParameter('options', itemIndex, {}) as {
		onlyMetadata?: boolean;
	};

	if (onlyMetadata) {
		const head = await reductRequestFull(this, {
			method: 'HEAD',
			path: entryPath(bucket, entry),
			qs,
		});
		return recordJson(metaFromHeaders(bucket, entry, head.headers));
	}
	const response = await reductRequestFull<Readable>(
		this,
		{ path: entryPath(bucket, entry), qs },
		{ stream: true },
	);
	const meta = metaFromHeaders(bucket, entry, response.headers);
	const binary = await this.helpers.prepareBinaryData(
		response.body,
		recordFileName(meta),
		meta.contentType,
	);
	return { json: recordJson(meta), binary: { [property]: binary } };
}
