/**
 * I/O API with batch protocol v2 (many entries per request):
 *   x-reduct-entries: <pct-encoded names>   x-reduct-start-ts: <ts>   x-reduct-labels: <pct-encoded names>
 *   x-reduct-<entry-index>-<ts-delta>: <size>[,<content-type>[,<label delta>]]
 * Bodies are concatenated by entry index, then timestamp (as the docs and the server define it).
 */
import type { IncomingMessage } from 'node:http';
import { BATCH_LIMITS } from './batch';
import { type Ctx, getBucket } from './context';
import {
	badRequest,
	csvLabel,
	header,
	headerSafe,
	type Labels,
	noContent,
	readBody,
	ReductError,
	unprocessable,
} from './http';
import { parseQueryId, type QueryItem, type RunningQuery } from './query';
import { notifyWrite } from './replications';
import { requireRead, requireWrite } from './tokens';

const RECORD_HEADER = /^x-reduct-(\d+)-(\d+)$/;

// ---------------------------------------------------------------- encoding

function isTchar(byte: number): boolean {
	return (
		(byte >= 0x30 && byte <= 0x39) ||
		(byte >= 0x41 && byte <= 0x5a) ||
		(byte >= 0x61 && byte <= 0x7a) ||
		"!#$%&'*+-.^_`|~".includes(String.fromCharCode(byte))
	);
}

export function encodeComponent(value: string): string {
	let out = '';
	for (const byte of Buffer.from(value, 'utf8')) {
		out +=
			isTchar(byte) && byte !== 0x25
				? String.fromCharCode(byte)
				: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

function decodeComponent(value: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < value.length; i++) {
		if (value[i] !== '%') {
			bytes.push(value.charCodeAt(i));
			continue;
		}
		const hex = value.slice(i + 1, i + 3);
		if (!/^[0-9A-Fa-f]{2}$/.test(hex))
			throw unprocessable(`Invalid entry encoding in header: '${value}'`);
		bytes.push(parseInt(hex, 16));
		i += 2;
	}
	return Buffer.from(bytes).toString('utf8');
}

function parseList(raw: string, what: string): string[] {
	return raw.split(',').map((item) => {
		const trimmed = item.trim();
		if (trimmed === '') throw unprocessable(`Invalid ${what} header: empty item`);
		return decodeComponent(trimmed);
	});
}

// ---------------------------------------------------------------- request parsing

interface RecordMeta {
	contentType: string;
	labels: Labels;
}

interface V2Record {
	entry: string;
	entryIndex: number;
	delta: bigint;
	ts: bigint;
	size: number;
	meta: RecordMeta;
	/** label operations written in this header (`null` = remove) */
	ops: Array<[string, string | null]>;
}

/** Parses `k=v,k2="a,b",3=` (numeric keys index into `x-reduct-labels`). */
function parseLabelDelta(raw: string, labelNames?: string[]): Array<[string, string | null]> {
	const ops: Array<[string, string | null]> = [];
	let rest = raw.trim();
	while (rest.length > 0) {
		const eq = rest.indexOf('=');
		if (eq <= 0) throw unprocessable('Invalid batched header: bad label delta');
		let key = rest.slice(0, eq).trim();
		if (labelNames && /^\d+$/.test(key)) {
			const name = labelNames[Number(key)];
			if (name === undefined) throw unprocessable(`Label index '${key}' is out of range`);
			key = name;
		} else if (key.startsWith('@')) {
			throw unprocessable("Label names must not start with '@': reserved for computed labels");
		}
		let value: string;
		let after = rest.slice(eq + 1);
		if (after.startsWith('"')) {
			const end = after.indexOf('"', 1);
			if (end < 0) throw unprocessable('Invalid batched header: unterminated quote');
			value = after.slice(1, end);
			after = after.slice(end + 1).trim();
			if (after.startsWith(',')) after = after.slice(1);
		} else {
			const comma = after.indexOf(',');
			value = (comma < 0 ? after : after.slice(0, comma)).trim();
			after = comma < 0 ? '' : after.slice(comma + 1);
		}
		ops.push([key, value === '' ? null : value]);
		rest = after.trim();
	}
	return ops;
}

function parseV2Request(req: IncomingMessage): V2Record[] {
	const entriesRaw = header(req, 'x-reduct-entries');
	if (entriesRaw === undefined) throw unprocessable('x-reduct-entries header is required');
	const startRaw = header(req, 'x-reduct-start-ts');
	if (startRaw === undefined || !/^\d+$/.test(startRaw.trim())) {
		throw unprocessable('x-reduct-start-ts header is required and must be a timestamp');
	}
	const start = BigInt(startRaw.trim());
	const entries = entriesRaw.trim() === '' ? [] : parseList(entriesRaw, 'x-reduct-entries');
	const labelsRaw = header(req, 'x-reduct-labels');
	const labelNames = labelsRaw === undefined ? undefined : parseList(labelsRaw, 'x-reduct-labels');

	const found: Array<{ entryIndex: number; delta: bigint; raw: string }> = [];
	for (const [name, value] of Object.entries(req.headers)) {
		const match = RECORD_HEADER.exec(name);
		if (!match || value === undefined) continue;
		found.push({ entryIndex: Number(match[1]), delta: BigInt(match[2]), raw: String(value) });
	}
	found.sort(
		(a, b) => a.entryIndex - b.entryIndex || (a.delta < b.delta ? -1 : a.delta > b.delta ? 1 : 0),
	);

	const previous = new Map<number, RecordMeta>();
	return found.map(({ entryIndex, delta, raw }) => {
		const entry = entries[entryIndex];
		if (entry === undefined) {
			throw unprocessable(
				`Invalid header 'x-reduct-${entryIndex}-${delta}': entry index out of range`,
			);
		}
		const [sizeRaw, ...restParts] = raw.split(',');
		if (!/^\d+$/.test(sizeRaw.trim()))
			throw unprocessable(`Invalid header 'x-reduct-${entryIndex}-${delta}'`);
		const rest = restParts.join(',');
		const prev = previous.get(entryIndex);
		const comma = rest.indexOf(',');
		const ctRaw = restParts.length === 0 ? '' : comma < 0 ? rest : rest.slice(0, comma);
		const ops =
			restParts.length === 0 || comma < 0 ? [] : parseLabelDelta(rest.slice(comma + 1), labelNames);
		const labels: Labels = { ...(prev?.labels ?? {}) };
		for (const [key, value] of ops) {
			if (value === null) delete labels[key];
			else labels[key] = value;
		}
		const meta = {
			contentType: ctRaw.trim() || prev?.contentType || 'application/octet-stream',
			labels,
		};
		previous.set(entryIndex, meta);
		return { entry, entryIndex, delta, ts: start + delta, size: Number(sizeRaw.trim()), meta, ops };
	});
}

function perRecord(ctx: Ctx, records: V2Record[], op: (rec: V2Record) => void): void {
	for (const rec of records) {
		try {
			op(rec);
		} catch (err) {
			if (!(err instanceof ReductError)) throw err;
			ctx.res.setHeader(
				`x-reduct-error-${rec.entryIndex}-${rec.delta}`,
				`${err.status},${headerSafe(err.message)}`,
			);
		}
	}
	ctx.res.writeHead(200, { 'content-length': 0 });
	ctx.res.end();
}

// ---------------------------------------------------------------- handlers

/** POST /io/:bucket/write */
export async function ioWrite(ctx: Ctx, bucketName: string): Promise<void> {
	requireWrite(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const records = parseV2Request(ctx.req);
	const body = await readBody(ctx.req);
	const expected = records.reduce((sum, r) => sum + r.size, 0);
	if (expected !== body.length) {
		throw badRequest(
			`Content is ${body.length < expected ? 'smaller' : 'bigger'} than in content-length`,
		);
	}
	let offset = 0;
	perRecord(ctx, records, (rec) => {
		const data = Buffer.from(body.subarray(offset, offset + rec.size));
		offset += rec.size;
		bucket.write(rec.entry, {
			ts: rec.ts,
			data,
			contentType: rec.meta.contentType,
			labels: { ...rec.meta.labels },
		});
		notifyWrite(ctx.state, bucketName, rec.entry);
	});
}

/** PATCH /io/:bucket/update: label deltas accumulate per entry across the batch. */
export async function ioUpdate(ctx: Ctx, bucketName: string): Promise<void> {
	requireWrite(ctx, bucketName);
	await readBody(ctx.req);
	const bucket = getBucket(ctx.state, bucketName);
	const state = new Map<string, Map<string, string | null>>();
	perRecord(ctx, parseV2Request(ctx.req), (rec) => {
		const ops = state.get(rec.entry) ?? new Map<string, string | null>();
		state.set(rec.entry, ops);
		for (const [key, value] of rec.ops) ops.set(key, value);
		const update: Labels = {};
		const remove: string[] = [];
		for (const [key, value] of ops) {
			if (value === null) remove.push(key);
			else update[key] = value;
		}
		bucket.updateLabels(rec.entry, rec.ts, update, remove);
	});
}

/** DELETE /io/:bucket/remove */
export async function ioRemove(ctx: Ctx, bucketName: string): Promise<void> {
	requireWrite(ctx, bucketName);
	await readBody(ctx.req);
	const bucket = getBucket(ctx.state, bucketName);
	perRecord(ctx, parseV2Request(ctx.req), (rec) => bucket.removeRecord(rec.entry, rec.ts));
}

function labelDelta(
	labels: Labels,
	prev: Labels | undefined,
	index: (name: string) => number,
): string {
	const keys = [...new Set([...Object.keys(prev ?? {}), ...Object.keys(labels)])].sort();
	const ops: string[] = [];
	for (const key of keys) {
		if (prev && prev[key] === labels[key]) continue;
		if (labels[key] === undefined) ops.push(`${index(key)}=`);
		else ops.push(`${index(key)}=${csvLabel(labels[key])}`);
	}
	return ops.join(',');
}

/** Streams a v2 batch. */
export function sendBatchV2(ctx: Ctx, query: RunningQuery, items: QueryItem[]): void {
	const withBody = ctx.method !== 'HEAD' && !query.onlyMetadata;
	// entry indexes follow the first timestamp of each entry in the batch, then the name
	const firstTs = new Map<string, bigint>();
	for (const { entry, record } of items) if (!firstTs.has(entry)) firstTs.set(entry, record.ts);
	const entries = [...firstTs.keys()].sort((a, b) => {
		const [x, y] = [firstTs.get(a)!, firstTs.get(b)!];
		return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
	});
	const entryIndex = new Map(entries.map((name, i) => [name, i]));
	const ordered = [...items].sort(
		(a, b) =>
			entryIndex.get(a.entry)! - entryIndex.get(b.entry)! ||
			(a.record.ts < b.record.ts ? -1 : a.record.ts > b.record.ts ? 1 : 0),
	);
	const start = items.reduce(
		(min, { record }) => (record.ts < min ? record.ts : min),
		items[0].record.ts,
	);

	const labelNames: string[] = [];
	const index = (name: string) => {
		let idx = labelNames.indexOf(name);
		if (idx < 0) idx = labelNames.push(name) - 1;
		return idx;
	};
	const headers: Record<string, string> = {
		'content-type': 'application/octet-stream',
		'x-reduct-entries': entries.map(encodeComponent).join(','),
		'x-reduct-start-ts': start.toString(),
		'x-reduct-last': String(query.exhausted),
	};
	const previous = new Map<string, RecordMeta>();
	let length = 0;
	for (const { entry, record, labels } of ordered) {
		const prev = previous.get(entry);
		const parts = [String(record.data.length)];
		const delta = labelDelta(labels, prev?.labels, index);
		const ctChanged = !prev || prev.contentType !== record.contentType;
		if (ctChanged || delta) parts.push(ctChanged ? record.contentType : '');
		if (delta) parts.push(delta);
		headers[`x-reduct-${entryIndex.get(entry)}-${record.ts - start}`] = parts.join(',');
		previous.set(entry, { contentType: record.contentType, labels });
		length += record.data.length;
	}
	if (labelNames.length > 0) headers['x-reduct-labels'] = labelNames.map(encodeComponent).join(',');
	headers['content-length'] = String(withBody || ctx.method === 'HEAD' ? length : 0);
	ctx.res.writeHead(200, headers);
	if (withBody) for (const { record } of ordered) ctx.res.write(record.data);
	ctx.res.end();
}

/** GET|HEAD /io/:bucket/read with `x-reduct-query-id` */
export function ioRead(ctx: Ctx, bucketName: string): void {
	requireRead(ctx, bucketName);
	const bucket = getBucket(ctx.state, bucketName);
	const id = parseQueryId(header(ctx.req, 'x-reduct-query-id'));
	const query = ctx.state.queries.get(bucketName, id);
	const items = query.fetch(bucket, BATCH_LIMITS);
	if (items.length === 0) throw noContent('No more records');
	sendBatchV2(ctx, query, items);
}
