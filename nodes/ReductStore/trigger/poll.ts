import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import type { Readable } from 'stream';

import { toNodeError } from '../../shared/node/errors';
import {
	metaFromHeaders,
	queryRecordsOrNone,
	recordFileName,
	recordJson,
	type QueryOptions,
	type RecordMeta,
} from '../records';
import { bucketPath, entryPath, reductRequest, reductRequestFull } from '../transport';
import { checkBucketName, checkEntryName, invalid, parseWhen } from '../validation';
import { advance, initialState, isNew, queryStart, type TriggerState } from './cursor';

interface Settings {
	bucket: string;
	entry: string;
	when?: IDataObject;
	download: boolean;
	property: string;
	lookbackUs: bigint;
	maxRecords: number;
}

function readSettings(ctx: IPollFunctions): Settings {
	const node = ctx.getNode();
	const bucket = checkBucketName(
		node,
		ctx.getNodeParameter('bucket', '', { extractValue: true }),
		'bucket',
	);
	const entry = checkEntryName(
		node,
		ctx.getNodeParameter('entry', '', { extractValue: true }),
		'entry',
	);
	const when = parseWhen(node, ctx.getNodeParameter('when', ''), 'when');
	const download = ctx.getNodeParameter('download', true) as boolean;
	const property = String(ctx.getNodeParameter('binaryPropertyName', 'data')).trim();
	if (download && !property)
		throw invalid(node, 'outputBinaryPropertyName', 'it must not be empty');
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const lookback = Number(options.lookbackSeconds ?? 0);
	if (!Number.isFinite(lookback) || lookback < 0)
		throw invalid(
			node,
			'lookbackSeconds',
			`"${String(options.lookbackSeconds)}" is not a number of seconds`,
		);
	const maxRecords = Number(options.maxRecords ?? 100);
	if (!Number.isSafeInteger(maxRecords) || maxRecords < 1)
		throw invalid(
			node,
			'maxRecords',
			`"${String(options.maxRecords)}" is not a whole number of at least 1`,
		);
	return {
		bucket,
		entry,
		when,
		download,
		property,
		lookbackUs: BigInt(Math.round(lookback * 1_000_000)),
		maxRecords,
	};
}

async function toItem(
	ctx: IPollFunctions,
	settings: Settings,
	meta: RecordMeta,
	open: () => Readable,
): Promise<INodeExecutionData> {
	const json = recordJson(meta);
	if (!settings.download) return { json };
	const content = meta.size === 0 ? Buffer.alloc(0) : open();
	const binary = await ctx.helpers.prepareBinaryData(
		content,
		recordFileName(meta),
		meta.contentType,
	);
	return { json, binary: { [settings.property]: binary } };
}

/** The entry's newest record timestamp, or undefined when the entry does not exist (yet). */
async function latestOf(
	ctx: IPollFunctions,
	bucket: string,
	entry: string,
): Promise<bigint | undefined> {
	const info = await reductRequest<{
		entries?: Array<{ name: string; latest_record?: number | string; record_count?: number }>;
	}>(ctx, { path: bucketPath(bucket) });
	const found = (info.entries ?? []).find((candidate) => candidate.name === entry);
	if (!found || !found.record_count) return undefined;
	return BigInt(found.latest_record ?? 0);
}

async function collectTimestamps(
	ctx: IPollFunctions,
	settings: Settings,
	query: QueryOptions,
): Promise<bigint[]> {
	const timestamps: bigint[] = [];
	for await (const record of queryRecordsOrNone(ctx, settings.bucket, settings.entry, {
		...query,
		onlyMetadata: true,
	})) {
		timestamps.push(record.meta.timestamp);
	}
	return timestamps;
}

/** "Fetch Test Event": the newest record (matching the condition, within its last day). */
async function sample(
	ctx: IPollFunctions,
	settings: Settings,
): Promise<INodeExecutionData | undefined> {
	const latest = await latestOf(ctx, settings.bucket, settings.entry);
	if (latest === undefined) return undefined;
	let ts = latest;
	if (settings.when) {
		const day = 86_400_000_000n;
		const matches = await collectTimestamps(ctx, settings, {
			start: latest > day ? latest - day : 0n,
			when: settings.when,
		});
		if (matches.length === 0) return undefined;
		ts = matches[matches.length - 1];
	}
	const path = entryPath(settings.bucket, settings.entry);
	const qs = { ts: ts.toString() };
	if (!settings.download) {
		const head = await reductRequestFull(ctx, { method: 'HEAD', path, qs });
		return { json: recordJson(metaFromHeaders(settings.bucket, settings.entry, head.headers)) };
	}
	const response = await reductRequestFull<Readable>(ctx, { path, qs }, { stream: true });
	const meta = metaFromHeaders(settings.bucket, settings.entry, response.headers);
	return await toItem(ctx, settings, meta, () => response.body);
}

/**
 * One poll: the records written to the entry since the last poll (matching the condition),
 * oldest first, each with its content. The first poll of an active workflow only records where
 * the entry stands ("now"): what already exists is not emitted.
 */
export async function pollRecords(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		const settings = readSettings(this);
		if (this.getMode() === 'manual') {
			const item = await sample(this, settings);
			return item ? [[item]] : null;
		}
		const staticData = this.getWorkflowStaticData('node') as { state?: TriggerState; key?: string };
		// a different bucket, entry or condition starts afresh rather than from another's position
		const key = JSON.stringify([settings.bucket, settings.entry, settings.when ?? null]);
		if (!staticData.state || staticData.key !== key) {
			const latest = await latestOf(this, settings.bucket, settings.entry);
			const window =
				latest !== undefined && settings.lookbackUs > 0n
					? await collectTimestamps(this, settings, {
							start: queryStart({ watermark: latest.toString(), seen: [] }, settings.lookbackUs),
							when: settings.when,
						})
					: [];
			staticData.state = initialState(latest, window);
			staticData.key = key;
			return null;
		}

		const state = staticData.state;
		const items: INodeExecutionData[] = [];
		const emitted: bigint[] = [];
		const records = queryRecordsOrNone(this, settings.bucket, settings.entry, {
			start: queryStart(state, settings.lookbackUs),
			when: settings.when,
			onlyMetadata: !settings.download,
		});
		for await (const record of records) {
			if (!isNew(state, record.meta.timestamp)) continue;
			items.push(await toItem(this, settings, record.meta, record.open));
			emitted.push(record.meta.timestamp);
			// the rest waits for the next poll: it is above the new watermark
			if (items.length >= settings.maxRecords) break;
		}
		// Only move forward once every item is ready: a failed poll is retried whole.
		staticData.state = advance(state, emitted, settings.lookbackUs);
		return items.length > 0 ? [items] : null;
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
