import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { entryPath, reductRequest } from '../../transport';
import { invalid, parseWhen } from '../../validation';
import {
	bucketLocator,
	entryLocator,
	forOperation,
	getBucket,
	getEntry,
	getRecordTimestamp,
	recordTimestampParameter,
	showFor,
	whenParameter,
} from '../common';
import { readRange, timeRangeProperties } from './query';

const displayOptions = showFor('record', 'remove');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	entryLocator(),
	{
		displayName: 'Remove',
		name: 'removeMode',
		type: 'options',
		options: [
			{ name: 'One Record', value: 'record', description: 'The record with an exact timestamp' },
			{ name: 'A Time Range', value: 'range', description: 'Every record in [Start, Stop)' },
			{
				name: 'Records Matching a Query',
				value: 'query',
				description: 'Every record matching a condition, optionally within [Start, Stop)',
			},
		],
		default: 'record',
	},
	{ ...recordTimestampParameter(), displayOptions: { show: { removeMode: ['record'] } } },
	...timeRangeProperties.map((property) => ({
		...property,
		displayOptions: { show: { removeMode: ['range', 'query'] } },
	})),
	{ ...whenParameter, required: true, displayOptions: { show: { removeMode: ['query'] } } },
]);

/**
 * One record: DELETE /b/:bucket/:entry?ts=. A range or a query: a REMOVE query
 * (`POST /b/:bucket/:entry/q`), which answers with the number of records removed.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	const mode = this.getNodeParameter('removeMode', itemIndex, 'record') as string;
	const path = entryPath(bucket, entry);

	if (mode === 'record') {
		const ts = getRecordTimestamp(this, itemIndex);
		await reductRequest(this, { method: 'DELETE', path, qs: { ts: ts.toString() } });
		return { bucket, entry, removedRecords: 1, timestamp: Number(ts) };
	}

	const { start, stop } = readRange(this, itemIndex);
	const body: IDataObject = { query_type: 'REMOVE' };
	if (start !== undefined) body.start = Number(start);
	if (stop !== undefined) body.stop = Number(stop);
	if (mode === 'query') {
		const when = parseWhen(node, this.getNodeParameter('when', itemIndex, ''), 'when', itemIndex);
		if (!when)
			throw invalid(node, 'when', 'a condition is needed to remove matching records', itemIndex);
		body.when = when;
	} else if (start === undefined && stop === undefined) {
		// an unbounded range would empty the entry: that is Entry → Remove, asked for explicitly
		throw invalid(
			node,
			'start',
			'set "Start", "Stop" or both (to remove the whole entry use Entry → Remove)',
			itemIndex,
		);
	}
	const result = await reductRequest<{ removed_records?: number }>(this, {
		method: 'POST',
		path: `${path}/q`,
		body,
	});
	return { bucket, entry, removedRecords: result.removed_records ?? 0 };
}
