/** Single-record Entry API: write, read (by ts, latest, or next of a query), update labels, remove; entry rename/remove. */
import { type Ctx, getBucket } from './context';
import {
	badRequest,
	header,
	labelsFromHeaders,
	noContent,
	notFound,
	parseTimestamp,
	readBody,
	readJsonObject,
	recordHeaders,
	sendEmpty,
	unprocessable,
} from './http';
import { parseQueryId } from './query';
import { notifyWrite } from './replications';
import type { StoredRecord } from './store';
import { requireRead, requireWrite } from './tokens';

function requiredTs(ctx: Ctx): bigint {
	const raw = ctx.url.searchParams.get('ts');
	if (raw === null) throw unprocessable("'ts' parameter is required");
	return parseTimestamp(raw);
}

/** POST /b/:bucket/:entry?ts= (body = record content, `x-reduct-label-*` = labels) */
export async function writeSingle(ctx: Ctx, bucketName: string, entry: string): Promise<void> {
	requireWrite(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const ts = requiredTs(ctx);
	const data = await readBody(ctx.req);
	const declared = header(ctx.req, 'content-length') ?? header(ctx.req, 'x-reduct-content-length');
	if (declared !== undefined && Number(declared) !== data.length) {
		throw badRequest(
			`Content is ${data.length < Number(declared) ? 'smaller' : 'bigger'} than in content-length`,
		);
	}
	bucket.write(entry, {
		ts,
		data,
		contentType: header(ctx.req, 'content-type') ?? 'application/octet-stream',
		labels: labelsFromHeaders(ctx.req),
	});
	notifyWrite(ctx.state, bucketName, entry);
	sendEmpty(ctx.res);
}

function sendRecord(ctx: Ctx, record: StoredRecord, labels = record.labels, withBody = true): void {
	const body = withBody && ctx.method !== 'HEAD';
	const headers = recordHeaders(record.ts, record.data.length, record.contentType, labels);
	if (!body) headers['content-length'] = ctx.method === 'HEAD' ? String(record.data.length) : '0';
	ctx.res.writeHead(200, headers);
	ctx.res.end(body ? record.data : undefined);
}

/** GET|HEAD /b/:bucket/:entry[?ts=|?q=] */
export function readSingle(ctx: Ctx, bucketName: string, entryName: string): void {
	requireRead(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const params = ctx.url.searchParams;

	if (params.has('q')) {
		const query = ctx.state.queries.get(bucketName, parseQueryId(params.get('q')));
		const [item] = query.fetch(bucket, { maxRecords: 1, maxBytes: Infinity });
		if (!item) throw noContent('No more records');
		sendRecord(ctx, item.record, item.labels, !query.onlyMetadata);
		return;
	}

	const entry = bucket.getEntry(entryName);
	if (params.has('ts')) {
		sendRecord(ctx, bucket.getRecord(entryName, parseTimestamp(params.get('ts') ?? '')));
		return;
	}
	const latest = entry.records[entry.records.length - 1];
	if (!latest) throw notFound(`Entry '${entryName}' has no records`);
	sendRecord(ctx, latest);
}

/** PATCH /b/:bucket/:entry?ts= (labels in `x-reduct-label-*`, empty value removes) */
export async function updateSingle(ctx: Ctx, bucketName: string, entry: string): Promise<void> {
	requireWrite(ctx, bucketName);
	await readBody(ctx.req);
	const bucket = getBucket(ctx.state, bucketName);
	bucket.updateLabels(entry, requiredTs(ctx), labelsFromHeaders(ctx.req));
	sendEmpty(ctx.res);
}

/** DELETE /b/:bucket/:entry[?ts=]: one record, or the whole entry without `ts`. */
export function removeSingle(ctx: Ctx, bucketName: string, entry: string): void {
	requireWrite(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const raw = ctx.url.searchParams.get('ts');
	if (raw === null) bucket.removeEntry(entry);
	else bucket.removeRecord(entry, parseTimestamp(raw));
	sendEmpty(ctx.res);
}

/** PUT /b/:bucket/:entry/rename {"new_name": "..."} */
export async function renameEntry(ctx: Ctx, bucketName: string, entry: string): Promise<void> {
	// the docs ask for full access; the server checks write access to the bucket, as here
	requireWrite(ctx, bucketName);
	const body = await readJsonObject(ctx.req);
	const bucket = getBucket(ctx.state, bucketName);
	if (typeof body.new_name !== 'string') throw unprocessable("'new_name' must be a string");
	bucket.renameEntry(entry, body.new_name);
	sendEmpty(ctx.res);
}
