import type { IExecuteFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';

import { metaFromHeaders, recordFileName, recordJson } from '../../records';
import { entryPath, reductRequestFull } from '../../transport';
import { getBinaryField, OUTPUT_FIELD_LABEL } from '../../../shared/node/binary';
import {
	bucketLocator,
	entryLocator,
	forOperation,
	getBucket,
	getEntry,
	getRecordTimestamp,
	recordTimestampParameter,
	recordOutput,
	showFor,
} from '../common';

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
		...recordTimestampParameter(
			'The exact timestamp of the record: an ISO 8601 date (UTC unless it names a zone) or microseconds since 1970',
		),
		displayOptions: { show: { readAt: ['timestamp'] } },
	},
	...recordOutput({
		field: 'The name of the output binary property for the record content',
		onlyMetadata:
			'Whether to return only the timestamp, size, content type and labels, without the content',
	}),
]);

/** GET (or HEAD) /b/:bucket/:entry[?ts=]: the content as binary, the metadata as JSON. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	const atTimestamp = this.getNodeParameter('readAt', itemIndex, 'latest') === 'timestamp';
	const qs = atTimestamp ? { ts: getRecordTimestamp(this, itemIndex).toString() } : undefined;
	const property = getBinaryField(this, itemIndex, OUTPUT_FIELD_LABEL);
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
