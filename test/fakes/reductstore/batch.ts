/**
 * Batch protocol v1 (Entry API, one entry): `x-reduct-time-<ts>: <size>,<content-type>,<k>=<v>,...`
 * with bodies concatenated in timestamp order; per-record errors as `x-reduct-error-<ts>: <status>,<msg>`.
 */
import type { IncomingMessage } from 'node:http';
import { type Ctx, getBucket } from './context';
import {
	badRequest,
	csvLabel,
	headerSafe,
	type Labels,
	noContent,
	parseLabelItem,
	parseTimestamp,
	readBody,
	ReductError,
	splitCsv,
	unprocessable,
} from './http';
import { parseQueryId, type QueryItem, type RunningQuery } from './query';
import { notifyWrite } from './replications';
import { requireRead, requireWrite } from './tokens';

export const BATCH_LIMITS = { maxRecords: 85, maxBytes: 8 * 1024 * 1024, maxMetaBytes: 8 * 1024 };

interface BatchItem {
	ts: bigint;
	size: number;
	contentType: string;
	labels: Labels;
}

function parseBatchHeaders(req: IncomingMessage): BatchItem[] {
	const items: BatchItem[] = [];
	for (const [name, raw] of Object.entries(req.headers)) {
		if (!name.startsWith('x-reduct-time-') || raw === undefined) continue;
		const ts = parseTimestamp(name.slice('x-reduct-time-'.length), `Header '${name}'`);
		const [sizeRaw, contentType = '', ...labelItems] = splitCsv(Array.isArray(raw) ? raw[0] : raw);
		if (!/^\d+$/.test(sizeRaw.trim()))
			throw unprocessable(`Invalid header '${name}': bad content length`);
		const labels: Labels = {};
		for (const item of labelItems) {
			if (item.trim() === '') continue;
			const [key, value] = parseLabelItem(item);
			labels[key] = value;
		}
		items.push({ ts, size: Number(sizeRaw), contentType: contentType.trim(), labels });
	}
	return items.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

/** Runs `op` per record, collecting failures as `x-reduct-error-<ts>` response headers. */
function perRecord(ctx: Ctx, items: BatchItem[], op: (item: BatchItem) => void): void {
	for (const item of items) {
		try {
			op(item);
		} catch (err) {
			if (!(err instanceof ReductError)) throw err;
			ctx.res.setHeader(`x-reduct-error-${item.ts}`, `${err.status},${headerSafe(err.message)}`);
		}
	}
	ctx.res.writeHead(200, { 'content-length': 0 });
	ctx.res.end();
}

/** POST /b/:bucket/:entry/batch */
export async function writeBatch(ctx: Ctx, bucketName: string, entry: string): Promise<void> {
	requireWrite(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const items = parseBatchHeaders(ctx.req);
	const body = await readBody(ctx.req);
	const expected = items.reduce((sum, item) => sum + item.size, 0);
	if (expected !== body.length) {
		throw badRequest(
			`Content is ${body.length < expected ? 'smaller' : 'bigger'} than in content-length`,
		);
	}
	let offset = 0;
	perRecord(ctx, items, (item) => {
		const data = body.subarray(offset, offset + item.size);
		offset += item.size;
		bucket.write(entry, {
			ts: item.ts,
			data: Buffer.from(data),
			contentType: item.contentType || 'application/octet-stream',
			labels: item.labels,
		});
		notifyWrite(ctx.state, bucketName, entry);
	});
}

/** PATCH /b/:bucket/:entry/batch: label updates (empty value removes the label). */
export async function updateBatch(ctx: Ctx, bucketName: string, entry: string): Promise<void> {
	requireWrite(ctx, bucketName);
	await readBody(ctx.req);
	const bucket = getBucket(ctx.state, bucketName);
	bucket.getEntry(entry);
	perRecord(ctx, parseBatchHeaders(ctx.req), (item) =>
		bucket.updateLabels(entry, item.ts, item.labels),
	);
}

/** DELETE /b/:bucket/:entry/batch */
export function removeBatch(ctx: Ctx, bucketName: string, entry: string): void {
	requireWrite(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	bucket.getEntry(entry);
	perRecord(ctx, parseBatchHeaders(ctx.req), (item) => bucket.removeRecord(entry, item.ts));
}

/** Streams a v1 batch: headers first, then the record bodies in timestamp order. */
export function sendBatchV1(ctx: Ctx, query: RunningQuery, items: QueryItem[]): void {
	const withBody = ctx.method !== 'HEAD' && !query.onlyMetadata;
	const headers: Record<string, string> = {
		'content-type': 'application/octet-stream',
		'x-reduct-last': String(query.exhausted),
	};
	let length = 0;
	for (const { record, labels } of items) {
		const meta = [String(record.data.length), record.contentType];
		for (const [key, value] of Object.entries(labels)) meta.push(`${key}=${csvLabel(value)}`);
		headers[`x-reduct-time-${record.ts}`] = meta.join(',');
		length += record.data.length;
	}
	headers['content-length'] = String(withBody || ctx.method === 'HEAD' ? length : 0);
	ctx.res.writeHead(200, headers);
	if (withBody) for (const { record } of items) ctx.res.write(record.data);
	ctx.res.end();
}

/** GET|HEAD /b/:bucket/:entry/batch?q=<id> */
export function readBatch(ctx: Ctx, bucketName: string): void {
	requireRead(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const query = ctx.state.queries.get(bucketName, parseQueryId(ctx.url.searchParams.get('q')));
	const items = query.fetch(bucket, BATCH_LIMITS);
	if (items.length === 0) throw noContent('No more records');
	sendBatchV1(ctx, query, items);
}
