import type { IDataObject } from 'n8n-workflow';
import { Readable } from 'stream';

import type { CloudRequestContext } from '../shared/transport';
import { bucketPath, entryPath, isHttpStatus, reductRequest, reductRequestFull } from './transport';
import { isoTime, type Labels } from './validation';
import { toNodeError } from '../shared/node/errors';

/**
 * Records on the wire: metadata from single-record headers and from the batch protocol
 * (`x-reduct-time-<ts>: <size>,<content-type>,<k>=<v>,...`), a splitter that hands out the
 * concatenated bodies of a batch one record at a time as streams, and the query loop shared by
 * the node's Query operation and the trigger.
 */

export interface RecordMeta {
	bucket: string;
	entry: string;
	timestamp: bigint;
	size: number;
	contentType: string;
	labels: Labels;
}

/** The JSON of an output item describing a record. */
export function recordJson(meta: RecordMeta): IDataObject {
	return {
		bucket: meta.bucket,
		entry: meta.entry,
		timestamp: Number(meta.timestamp),
		time: isoTime(meta.timestamp),
		size: meta.size,
		contentType: meta.contentType,
		labels: meta.labels,
	};
}

/** A file name for a record's binary: `<last entry segment>-<timestamp>`. */
export function recordFileName(meta: RecordMeta): string {
	return `${meta.entry.split('/').pop()}-${meta.timestamp}`;
}

/** Metadata of a single-record response (`x-reduct-time`, `x-reduct-label-*`, content headers). */
export function metaFromHeaders(
	bucket: string,
	entry: string,
	headers: Record<string, string>,
): RecordMeta {
	const labels: Labels = {};
	for (const [name, value] of Object.entries(headers)) {
		if (name.startsWith('x-reduct-label-')) labels[name.slice('x-reduct-label-'.length)] = value;
	}
	const size = Number(headers['content-length'] ?? headers['x-reduct-content-length'] ?? 0);
	return {
		bucket,
		entry,
		timestamp: BigInt(headers['x-reduct-time'] ?? '0'),
		size: Number.isFinite(size) ? size : 0,
		contentType: headers['content-type'] ?? 'application/octet-stream',
		labels,
	};
}

/** Splits a batch-protocol CSV value on commas outside double quotes. */
export function splitCsv(value: string): string[] {
	const items: string[] = [];
	let current = '';
	let quoted = false;
	for (const char of value) {
		if (char === '"') quoted = !quoted;
		if (char === ',' && !quoted) {
			items.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	items.push(current);
	return items;
}

/** The records a batch response describes, in timestamp order (the order of the bodies). */
export function metaFromBatchHeaders(
	bucket: string,
	entry: string,
	headers: Record<string, string>,
): RecordMeta[] {
	const records: RecordMeta[] = [];
	for (const [name, value] of Object.entries(headers)) {
		if (!name.startsWith('x-reduct-time-')) continue;
		const raw = name.slice('x-reduct-time-'.length);
		if (!/^\d+$/.test(raw)) continue;
		const [size = '0', contentType = '', ...items] = splitCsv(value);
		const labels: Labels = {};
		for (const item of items) {
			const eq = item.indexOf('=');
			if (eq <= 0) continue;
			let labelValue = item.slice(eq + 1);
			if (labelValue.length >= 2 && labelValue.startsWith('"') && labelValue.endsWith('"')) {
				labelValue = labelValue.slice(1, -1);
			}
			labels[item.slice(0, eq).trim()] = labelValue;
		}
		records.push({
			bucket,
			entry,
			timestamp: BigInt(raw),
			size: Number(size.trim()) || 0,
			contentType: contentType.trim() || 'application/octet-stream',
			labels,
		});
	}
	return records.sort((a, b) =>
		a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
	);
}

/** The batch-protocol header value of a record to write. */
export function batchHeaderValue(size: number, contentType: string, labels: Labels): string {
	const parts = [String(size), contentType];
	for (const [name, value] of Object.entries(labels))
		parts.push(`${name}=${value.includes(',') ? `"${value}"` : value}`);
	return parts.join(',');
}

/** Per-record failures of a batch request: `x-reduct-error-<ts>: <status>,<message>`. */
export function batchErrors(
	headers: Record<string, string>,
): Map<string, { status: number; message: string }> {
	const errors = new Map<string, { status: number; message: string }>();
	for (const [name, value] of Object.entries(headers)) {
		// the docs spell it `x-reduct-errors-`; servers and the official clients use `x-reduct-error-`
		const match = /^x-reduct-errors?-(\d+)$/.exec(name);
		if (!match) continue;
		const comma = value.indexOf(',');
		const status = Number(comma < 0 ? value : value.slice(0, comma));
		errors.set(match[1], { status, message: comma < 0 ? '' : value.slice(comma + 1) });
	}
	return errors;
}

/**
 * Hands out the next `size` bytes of a response stream as their own stream, so that each
 * record of a batch reaches n8n's binary store without the whole batch in memory. A body must
 * be read to its end (or skipped) before the next one is taken.
 */
export class BodySplitter {
	private readonly iterator: AsyncIterator<unknown>;
	private leftover: Buffer = Buffer.alloc(0);
	private pending = 0;

	constructor(private readonly source: Readable) {
		this.iterator = source[Symbol.asyncIterator]();
	}

	private async nextChunk(): Promise<Buffer | undefined> {
		if (this.leftover.length > 0) {
			const chunk = this.leftover;
			this.leftover = Buffer.alloc(0);
			return chunk;
		}
		const { value, done } = await this.iterator.next();
		if (done) return undefined;
		return Buffer.isBuffer(value) ? value : Buffer.from(value as string);
	}

	private async *bytes(size: number): AsyncGenerator<Buffer> {
		this.pending = size;
		while (this.pending > 0) {
			const chunk = await this.nextChunk();
			if (!chunk)
				throw new Error(
					`The server's response ended ${this.pending} bytes before the end of the record`,
				);
			const part = chunk.subarray(0, this.pending);
			if (chunk.length > part.length) this.leftover = chunk.subarray(part.length);
			this.pending -= part.length;
			yield part;
		}
	}

	/** The next `size` bytes, as a stream (class Readable, which n8n's helpers accept). */
	take(size: number): Readable {
		return Readable.from(this.bytes(size));
	}

	/** Skips the next `size` bytes (a record not wanted). */
	async skip(size: number): Promise<void> {
		for await (const _chunk of this.bytes(size)) {
			// discarded
		}
	}

	/** Bytes of the last taken body nobody read: skipped, so the next body starts right. */
	async settle(): Promise<void> {
		if (this.pending > 0) await this.skip(this.pending);
	}

	close(): void {
		this.source.destroy();
	}
}

export interface QueryOptions {
	start?: bigint;
	stop?: bigint;
	when?: IDataObject;
	strict?: boolean;
	onlyMetadata?: boolean;
	/** Most records to return; undefined for all. */
	limit?: number;
}

export interface QueriedRecord {
	meta: RecordMeta;
	/** The body as a stream; read it to its end before asking for the next record. */
	open(): Readable;
}

/** A query's JSON request (Entry API, `POST /b/:bucket/:entry/q`). */
export function queryRequest(options: QueryOptions): IDataObject {
	const body: IDataObject = { query_type: 'QUERY', ttl: 300 };
	if (options.start !== undefined) body.start = Number(options.start);
	if (options.stop !== undefined) body.stop = Number(options.stop);
	let when = options.when;
	if (options.limit !== undefined) {
		// `$limit` is the documented way (the top-level `limit` field is deprecated)
		const current = typeof when?.$limit === 'number' ? when.$limit : Infinity;
		when = { ...(when ?? {}), $limit: Math.min(current, options.limit) };
	}
	if (when) body.when = when;
	if (options.strict) body.strict = true;
	if (options.onlyMetadata) body.only_metadata = true;
	return body;
}

/**
 * Runs a query on one entry and yields its records oldest first, reading them batch by batch
 * (`GET /b/:bucket/:entry/batch?q=<id>`, batch protocol v1) until the server answers 204 or
 * marks the last batch. A record whose body is not opened is skipped without being kept.
 */
export async function* queryRecords(
	ctx: CloudRequestContext,
	bucket: string,
	entry: string,
	options: QueryOptions,
): AsyncGenerator<QueriedRecord> {
	if (options.limit !== undefined && options.limit <= 0) return;
	const path = entryPath(bucket, entry);
	const { id } = await reductRequest<{ id: number }>(ctx, {
		method: 'POST',
		path: `${path}/q`,
		body: queryRequest(options),
		retrySafe: true, // starting a query changes nothing
	});
	let returned = 0;
	for (;;) {
		const response = await reductRequestFull<Readable>(
			ctx,
			{ path: `${path}/batch`, qs: { q: id } },
			{ stream: true },
		);
		const records =
			response.statusCode === 204 ? [] : metaFromBatchHeaders(bucket, entry, response.headers);
		if (records.length === 0) {
			response.body?.destroy?.();
			return;
		}
		const splitter = new BodySplitter(response.body);
		try {
			for (const meta of records) {
				const size = options.onlyMetadata ? 0 : meta.size;
				let opened = false;
				yield {
					meta,
					open: () => {
						opened = true;
						return splitter.take(size);
					},
				};
				if (opened) await splitter.settle();
				else await splitter.skip(size);
				returned++;
				if (options.limit !== undefined && returned >= options.limit) return;
			}
		} finally {
			splitter.close();
		}
		if (response.headers['x-reduct-last'] === 'true') return;
	}
}

/** Runs `queryRecords`, treating a missing entry (its bucket exists) as an empty result. */
export async function* queryRecordsOrNone(
	ctx: CloudRequestContext,
	bucket: string,
	entry: string,
	options: QueryOptions,
): AsyncGenerator<QueriedRecord> {
	const records = queryRecords(ctx, bucket, entry, options);
	let first: IteratorResult<QueriedRecord>;
	try {
		first = await records.next();
	} catch (error) {
		if (isHttpStatus(error, 404) && (await entryIsMissing(ctx, bucket, entry))) return;
		throw toNodeError(ctx.getNode(), error);
	}
	if (first.done) return;
	yield first.value;
	yield* records;
}

/** True when the bucket exists but has no such entry (a 404 that means "no records yet"). */
export async function entryIsMissing(
	ctx: CloudRequestContext,
	bucket: string,
	entry: string,
): Promise<boolean> {
	try {
		const info = await reductRequest<{ entries?: Array<{ name: string }> }>(ctx, {
			path: bucketPath(bucket),
		});
		return !(info.entries ?? []).some((candidate) => candidate.name === entry);
	} catch {
		return false;
	}
}
