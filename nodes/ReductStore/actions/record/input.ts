import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';
import { Readable } from 'stream';

import { getBinaryField } from '../../../shared/node/binary';
import { getLocatorValue, parseJsonParameter } from '../../../shared/node/parameters';
import {
	checkBucketName,
	checkEntryName,
	checkLabels,
	invalid,
	labelEntries,
	parseTimestamp,
	type LabelRule,
	type Labels,
} from '../../validation';
import { bucketLocator, entryLocator, labelsParameter } from '../common';

/**
 * The parameters of a record to write (Write and Write Many share them) and their reading:
 * every check runs before anything is opened or sent.
 */
export const recordInputProperties: INodeProperties[] = [
	bucketLocator(),
	entryLocator(),
	{
		displayName: 'Input Data',
		name: 'inputSource',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'The content of a binary property of the input item',
			},
			{ name: 'Text', value: 'text', description: 'A text, e.g. from an expression' },
			{
				name: 'JSON',
				value: 'json',
				description: 'A JSON value, e.g. the body a Webhook received',
			},
		],
		default: 'binary',
		description: 'What the record contains',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { inputSource: ['binary'] } },
		description: 'The name of the input binary property holding the record content',
	},
	{
		displayName: 'Text',
		name: 'textData',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: { inputSource: ['text'] } },
		description: 'The record content, stored as UTF-8',
	},
	{
		displayName: 'JSON Data',
		name: 'jsonData',
		type: 'json',
		default: '{}',
		displayOptions: { show: { inputSource: ['json'] } },
		description: 'The record content, stored as JSON',
	},
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: 'now',
		placeholder: 'now, 2026-01-31T12:00:00.123456Z or 1769860800123456',
		description:
			'When the record was taken: "now", an ISO 8601 date (UTC unless it names a zone) or microseconds since 1970. An entry holds one record per timestamp.',
	},
	labelsParameter('Labels', 'Labels to attach to the record (names are stored in lower case)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'string',
				default: '',
				placeholder: 'e.g. image/jpeg',
				description:
					"The record's MIME type. Defaults to the binary's MIME type, or the usual type of Text or JSON input.",
			},
		],
	},
];

export interface RecordInput {
	itemIndex: number;
	bucket: string;
	entry: string;
	timestamp: bigint;
	labels: Labels;
	contentType: string;
	/** bytes; undefined when n8n does not know it without reading the data */
	size?: number;
	/** Opens the content: a Buffer (text, JSON, small binaries) or a stream of n8n's binary store. */
	open(): Promise<Buffer | Readable>;
}

function contentOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: string,
): { buffer: Buffer; contentType: string } {
	if (source === 'text') {
		const text = ctx.getNodeParameter('textData', itemIndex, '') as unknown;
		return {
			buffer: Buffer.from(typeof text === 'string' ? text : JSON.stringify(text), 'utf8'),
			contentType: 'text/plain',
		};
	}
	const raw = ctx.getNodeParameter('jsonData', itemIndex, '{}') as unknown;
	const value = parseJsonParameter(ctx.getNode(), 'jsonData', raw, itemIndex);
	return {
		buffer: Buffer.from(JSON.stringify(value ?? null), 'utf8'),
		contentType: 'application/json',
	};
}

/** The binary property named by `binaryPropertyName`, described without opening it. */
async function binaryOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<{ binary: IBinaryData; size?: number }> {
	const property = getBinaryField(ctx, itemIndex);
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) {
		throw invalid(
			ctx.getNode(),
			'binaryPropertyName',
			`the input item has no binary property "${property}"`,
			itemIndex,
		);
	}
	if (!binary.id) return { binary, size: Buffer.byteLength(binary.data, BINARY_ENCODING) };
	const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
	return { binary, size: typeof metadata.fileSize === 'number' ? metadata.fileSize : undefined };
}

/** Reads and checks one item's record parameters. Nothing is opened or sent. */
export async function readRecordInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	rule: LabelRule = {},
): Promise<RecordInput> {
	const node = ctx.getNode();
	const bucket = checkBucketName(
		node,
		getLocatorValue(ctx, 'bucket', itemIndex),
		'bucket',
		itemIndex,
	);
	const entry = checkEntryName(node, getLocatorValue(ctx, 'entry', itemIndex), 'entry', itemIndex);
	const timestamp = parseTimestamp(
		node,
		ctx.getNodeParameter('timestamp', itemIndex, 'now'),
		'timestamp',
		itemIndex,
	);
	const labels = checkLabels(
		node,
		labelEntries(ctx.getNodeParameter('labels', itemIndex, {})),
		'labels',
		itemIndex,
		rule,
	);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { contentType?: string };
	const explicitType = String(options.contentType ?? '').trim();
	if (explicitType && !/^[\x21-\x7e][\x20-\x7e]*$/.test(explicitType)) {
		throw invalid(node, 'contentType', `"${explicitType}" is not a valid MIME type`, itemIndex);
	}
	if (rule.forBatch && explicitType.includes(',')) {
		throw invalid(
			node,
			'contentType',
			"a batched record's content type cannot contain a comma",
			itemIndex,
		);
	}
	const source = ctx.getNodeParameter('inputSource', itemIndex, 'binary') as string;
	const base = { itemIndex, bucket, entry, timestamp, labels };

	if (source === 'text' || source === 'json') {
		const { buffer, contentType } = contentOf(ctx, itemIndex, source);
		return {
			...base,
			contentType: explicitType || contentType,
			size: buffer.length,
			open: async () => buffer,
		};
	}
	const { binary, size } = await binaryOf(ctx, itemIndex);
	const mimeType =
		binary.mimeType && !(rule.forBatch && binary.mimeType.includes(',')) ? binary.mimeType : '';
	return {
		...base,
		contentType: explicitType || mimeType || 'application/octet-stream',
		size,
		open: async () =>
			binary.id
				? await ctx.helpers.getBinaryStream(binary.id)
				: Buffer.from(binary.data, BINARY_ENCODING),
	};
}

/** The content as something n8n can send with a known length (reads it when the length is unknown). */
export async function sizedBody(
	input: RecordInput,
): Promise<{ body: Buffer | Readable; size: number }> {
	const content = await input.open();
	if (Buffer.isBuffer(content)) return { body: content, size: content.length };
	if (input.size !== undefined) return { body: content, size: input.size };
	// n8n did not record the file's size: the server needs it up front (Content-Length)
	const chunks: Buffer[] = [];
	for await (const chunk of content)
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	const buffer = Buffer.concat(chunks);
	return { body: buffer, size: buffer.length };
}
