import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getBinaryField, OUTPUT_FIELD_LABEL } from '../../../shared/node/binary';
import { getListLimit } from '../../../shared/node/parameters';
import { queryRecords, recordFileName, recordJson } from '../../records';
import { invalid, parseOptionalTimestamp, parseWhen } from '../../validation';
import {
	bucketLocator,
	entryLocator,
	forOperation,
	getBucket,
	getEntry,
	recordOutput,
	returnAllAndLimit,
	showFor,
	whenParameter,
} from '../common';

const displayOptions = showFor('record', 'query');

export const timeRangeProperties = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'string' as const,
		default: '',
		placeholder: 'e.g. 2026-01-31T00:00:00Z',
		description:
			'The first timestamp to include: ISO 8601 date, microseconds, or "now". Empty: from the oldest record.',
	},
	{
		displayName: 'Stop',
		name: 'stop',
		type: 'string' as const,
		default: '',
		placeholder: 'e.g. 2026-02-01T00:00:00Z',
		description:
			'The first timestamp to leave out (the range is [Start, Stop)). Empty: up to the newest record.',
	},
];

export const description = forOperation(displayOptions, [
	bucketLocator(),
	entryLocator(),
	...timeRangeProperties,
	whenParameter,
	...returnAllAndLimit,
	...recordOutput({
		field: 'The name of the output binary property for each record content',
		onlyMetadata:
			'Whether to return only the timestamps, sizes, content types and labels, without the contents',
		options: [
			{
				displayName: 'Strict Condition',
				name: 'strict',
				type: 'boolean',
				default: false,
				description:
					'Whether a condition on a label a record lacks is an error (otherwise that record simply does not match)',
			},
		],
	}),
]);

/** Reads Start, Stop and the condition, checked, with Start before Stop. */
export function readRange(ctx: IExecuteFunctions, itemIndex: number) {
	const node = ctx.getNode();
	const start = parseOptionalTimestamp(
		node,
		ctx.getNodeParameter('start', itemIndex, ''),
		'start',
		itemIndex,
	);
	const stop = parseOptionalTimestamp(
		node,
		ctx.getNodeParameter('stop', itemIndex, ''),
		'stop',
		itemIndex,
	);
	if (start !== undefined && stop !== undefined && stop <= start) {
		throw invalid(node, 'stop', `it must be after "Start" (${start} µs)`, itemIndex);
	}
	return { start, stop };
}

/**
 * Query: one output item per record, oldest first, each with its content as binary. Records
 * are read in batches and each content streams into n8n's binary store.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	const { start, stop } = readRange(this, itemIndex);
	const when = parseWhen(
		this.getNode(),
		this.getNodeParameter('when', itemIndex, ''),
		'when',
		itemIndex,
	);
	const limit = getListLimit(this, itemIndex);
	const property = getBinaryField(this, itemIndex, OUTPUT_FIELD_LABEL);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		onlyMetadata?: boolean;
		strict?: boolean;
	};

	const items: INodeExecutionData[] = [];
	for await (const record of queryRecords(this, bucket, entry, {
		start,
		stop,
		when,
		limit,
		strict: options.strict,
		onlyMetadata: options.onlyMetadata,
	})) {
		const json = recordJson(record.meta);
		if (options.onlyMetadata) {
			items.push({ json });
			continue;
		}
		const content = record.meta.size === 0 ? Buffer.alloc(0) : record.open();
		const binary = await this.helpers.prepareBinaryData(
			content,
			recordFileName(record.meta),
			record.meta.contentType,
		);
		items.push({ json, binary: { [property]: binary } });
	}
	return items;
}
