/**
 * Queries: the JSON query request (`POST .../q`), the legacy query-string form (`GET .../q`),
 * per-entry cursors merged in time order, and the registry of running queries (by id, with TTL).
 */
import { type FakeState, getBucket } from './context';
import {
	isObject,
	jsonTimestamp,
	type Labels,
	notFound,
	parseTimestamp,
	unprocessable,
} from './http';
import { type BucketData, isMetaEntry, type StoredRecord } from './store';
import { compileWhen, type Condition, Interrupt } from './when';

const DEFAULT_TTL_S = 60;

export interface QueryRequest {
	type: 'QUERY' | 'REMOVE';
	entries?: string[];
	start?: bigint;
	stop?: bigint;
	when?: unknown;
	strict: boolean;
	continuous: boolean;
	onlyMetadata: boolean;
	ttl: number;
	include?: Labels;
	exclude?: Labels;
	eachN?: number;
	eachS?: number;
	limit?: number;
}

function optionalNumber(value: unknown, field: string, integer: boolean): number | undefined {
	if (value === undefined || value === null) return undefined;
	const num = typeof value === 'bigint' ? Number(value) : value;
	if (typeof num !== 'number' || num < 0 || (integer && !Number.isInteger(num))) {
		throw unprocessable(`'${field}' must be a non-negative ${integer ? 'integer' : 'number'}`);
	}
	return num;
}

function optionalBool(value: unknown, field: string): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') throw unprocessable(`'${field}' must be a boolean`);
	return value;
}

function optionalLabels(value: unknown, field: string): Labels | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw unprocessable(`'${field}' must be an object`);
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** Validates the JSON body of `POST /b/:bucket/:entry/q` and `POST /io/:bucket/q`. */
export function parseQueryRequest(body: unknown): QueryRequest {
	if (!isObject(body)) throw unprocessable('Query request must be a JSON object');
	const type = body.query_type;
	if (type !== 'QUERY' && type !== 'REMOVE') {
		throw unprocessable("'query_type' must be 'QUERY' or 'REMOVE'");
	}
	let entries: string[] | undefined;
	if (body.entries !== undefined && body.entries !== null) {
		if (!Array.isArray(body.entries) || body.entries.some((e) => typeof e !== 'string')) {
			throw unprocessable("'entries' must be a list of strings");
		}
		entries = body.entries as string[];
	}
	const request: QueryRequest = {
		type,
		entries,
		start: jsonTimestamp(body.start, 'start'),
		stop: jsonTimestamp(body.stop, 'stop'),
		when: body.when ?? undefined,
		strict: optionalBool(body.strict, 'strict'),
		continuous: optionalBool(body.continuous, 'continuous'),
		onlyMetadata: optionalBool(body.only_metadata, 'only_metadata'),
		ttl: optionalNumber(body.ttl, 'ttl', true) ?? DEFAULT_TTL_S,
		include: optionalLabels(body.include, 'include'),
		exclude: optionalLabels(body.exclude, 'exclude'),
		eachN: optionalNumber(body.each_n, 'each_n', true),
		eachS: optionalNumber(body.each_s, 'each_s', false),
		limit: optionalNumber(body.limit, 'limit', true),
	};
	if (request.when !== undefined) compileWhen(request.when, request.strict); // 422 early
	return request;
}

/** The deprecated query-string form: `?start=&stop=&ttl=&include-<l>=&exclude-<l>=&limit=&each_n=&each_s=&continuous=`. */
export function parseLegacyQuery(url: URL, type: 'QUERY' | 'REMOVE'): QueryRequest {
	const params = url.searchParams;
	const num = (name: string, integer: boolean) => {
		const raw = params.get(name);
		if (raw === null) return undefined;
		const value = Number(raw);
		if (
			raw.trim() === '' ||
			Number.isNaN(value) ||
			value < 0 ||
			(integer && !Number.isInteger(value))
		) {
			throw unprocessable(`'${name}' must be a non-negative ${integer ? 'integer' : 'number'}`);
		}
		return value;
	};
	const ts = (name: string) => {
		const raw = params.get(name);
		return raw === null ? undefined : parseTimestamp(raw, `'${name}' parameter`);
	};
	const include: Labels = {};
	const exclude: Labels = {};
	for (const [key, value] of params) {
		if (key.startsWith('include-')) include[key.slice('include-'.length)] = value;
		if (key.startsWith('exclude-')) exclude[key.slice('exclude-'.length)] = value;
	}
	return {
		type,
		start: ts('start'),
		stop: ts('stop'),
		strict: false,
		continuous: params.get('continuous') === 'true',
		onlyMetadata: false,
		ttl: num('ttl', true) ?? DEFAULT_TTL_S,
		include: Object.keys(include).length ? include : undefined,
		exclude: Object.keys(exclude).length ? exclude : undefined,
		eachN: num('each_n', true),
		eachS: num('each_s', false),
		limit: num('limit', true),
	};
}

/** True if the request selects something (an empty REMOVE query is rejected by the I/O API). */
export function hasRemoveFilter(req: QueryRequest): boolean {
	return [
		req.entries,
		req.start,
		req.stop,
		req.when,
		req.include,
		req.exclude,
		req.eachN,
		req.eachS,
		req.limit,
	].some((v) => v !== undefined);
}

/** `*` matches inside one path segment, `**` across segments. */
function matchesPattern(name: string, pattern: string): boolean {
	if (!pattern.includes('*')) return name === pattern;
	const regex = pattern
		.split(/(\*\*|\*)/)
		.map((part) =>
			part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
	return new RegExp(`^${regex}$`).test(name);
}

/** Resolves entry names/patterns (`!` excludes); `$meta` entries only match by exact name. */
export function resolveEntries(bucket: BucketData, patterns?: string[]): string[] {
	const names = [...bucket.entries.keys()].sort();
	const include = (patterns ?? []).filter((p) => !(p.startsWith('!') && p.length > 1));
	const exclude = (patterns ?? [])
		.filter((p) => p.startsWith('!') && p.length > 1)
		.map((p) => p.slice(1));
	return names.filter((name) => {
		const wildcardOk = !isMetaEntry(name);
		const included =
			include.length === 0 || include.includes('*')
				? wildcardOk
				: include.includes(name) || (wildcardOk && include.some((p) => matchesPattern(name, p)));
		return included && !exclude.some((p) => matchesPattern(name, p));
	});
}

/** Walks one entry in time order, evaluating the (per-entry) condition exactly once per record. */
class EntryCursor {
	private lastTs?: bigint;
	private returned = 0;
	private seen = 0;
	private lastEachS?: bigint;
	peeked?: StoredRecord;
	done = false;

	constructor(
		readonly entry: string,
		private readonly req: QueryRequest,
		private readonly condition: Condition | undefined,
	) {}

	fill(bucket: BucketData): void {
		if (this.done || this.peeked) return;
		const entry = bucket.entries.get(this.entry);
		if (!entry) {
			if (!this.req.continuous) this.done = true;
			return;
		}
		let idx =
			this.lastTs === undefined
				? entry.lowerBound(this.req.start ?? 0n)
				: entry.lowerBound(this.lastTs + 1n);
		for (; idx < entry.records.length; idx++) {
			const rec = entry.records[idx];
			if (!this.req.continuous && this.req.stop !== undefined && rec.ts >= this.req.stop) break;
			this.lastTs = rec.ts;
			try {
				if (this.accept(rec)) {
					this.peeked = rec;
					return;
				}
			} catch (err) {
				if (err instanceof Interrupt) {
					this.done = true;
					return;
				}
				throw err;
			}
		}
		if (!this.req.continuous) this.done = true;
	}

	private accept(rec: StoredRecord): boolean {
		const { include, exclude, eachN, eachS, limit } = this.req;
		if (include && !Object.entries(include).every(([k, v]) => rec.labels[k] === v)) return false;
		if (exclude && Object.entries(exclude).some(([k, v]) => rec.labels[k] === v)) return false;
		if (this.condition && !this.condition.matches({ ts: rec.ts, labels: rec.labels })) return false;
		this.seen += 1;
		if (eachN !== undefined && eachN > 0 && (this.seen - 1) % eachN !== 0) return false;
		if (eachS !== undefined) {
			if (this.lastEachS !== undefined && Number(rec.ts - this.lastEachS) < eachS * 1e6)
				return false;
			this.lastEachS = rec.ts;
		}
		if (limit !== undefined && this.returned >= limit) throw new Interrupt();
		this.returned += 1;
		return true;
	}
}

export interface QueryItem {
	entry: string;
	record: StoredRecord;
	labels: Labels;
}

export interface FetchLimits {
	maxRecords: number;
	maxBytes: number;
	/** Rough budget for the batch metadata sent in HTTP headers. */
	maxMetaBytes?: number;
}

function metaSize(item: QueryItem): number {
	let size = 48 + item.entry.length + item.record.contentType.length;
	for (const [k, v] of Object.entries(item.labels)) size += k.length + v.length + 4;
	return size;
}

/** A running query: merges its entry cursors by (timestamp, entry name). */
export class RunningQuery {
	lastAccess = Date.now();
	private readonly cursors: EntryCursor[];
	private readonly selectLabels?: string[];

	constructor(
		readonly id: number,
		readonly bucket: string,
		readonly req: QueryRequest,
		entries: string[],
	) {
		// every entry gets its own condition instance, so `$limit`/`$each_n` count per entry
		const compile = () => (req.when === undefined ? undefined : compileWhen(req.when, req.strict));
		this.selectLabels = compile()?.selectLabels;
		this.cursors = entries.map((name) => new EntryCursor(name, req, compile()));
	}

	get onlyMetadata(): boolean {
		return this.req.onlyMetadata;
	}

	get exhausted(): boolean {
		return !this.req.continuous && this.cursors.every((c) => c.done && !c.peeked);
	}

	/** Next batch of matching records, oldest first. */
	fetch(bucket: BucketData, limits: FetchLimits): QueryItem[] {
		const out: QueryItem[] = [];
		let bytes = 0;
		let meta = 0;
		const maxMeta = limits.maxMetaBytes ?? Infinity;
		while (out.length < limits.maxRecords && bytes < limits.maxBytes && meta < maxMeta) {
			let best: EntryCursor | undefined;
			for (const cursor of this.cursors) {
				cursor.fill(bucket);
				const rec = cursor.peeked;
				if (
					rec &&
					(!best ||
						rec.ts < best.peeked!.ts ||
						(rec.ts === best.peeked!.ts && cursor.entry < best.entry))
				) {
					best = cursor;
				}
			}
			if (!best) break;
			const record = best.peeked!;
			best.peeked = undefined;
			const item = { entry: best.entry, record, labels: this.pickLabels(record.labels) };
			out.push(item);
			meta += metaSize(item);
			if (!this.onlyMetadata) bytes += record.data.length;
		}
		for (const cursor of this.cursors) cursor.fill(bucket); // so `exhausted` is exact
		return out;
	}

	private pickLabels(labels: Labels): Labels {
		if (!this.selectLabels) return { ...labels };
		return Object.fromEntries(
			Object.entries(labels).filter(([k]) => this.selectLabels!.includes(k)),
		);
	}
}

export class QueryRegistry {
	private readonly queries = new Map<number, RunningQuery>();
	private nextId = 1;

	start(bucket: BucketData, req: QueryRequest, entries: string[]): RunningQuery {
		const query = new RunningQuery(this.nextId++, bucket.name, req, entries);
		this.queries.set(query.id, query);
		return query;
	}

	get(bucket: string, id: number): RunningQuery {
		const now = Date.now();
		for (const [qid, q] of this.queries) {
			if (now - q.lastAccess >= q.req.ttl * 1000) this.queries.delete(qid);
		}
		const query = this.queries.get(id);
		if (!query || query.bucket !== bucket) {
			throw notFound(
				`Query ${id} not found and it might have expired. Check TTL in your query request.`,
			);
		}
		query.lastAccess = now;
		return query;
	}

	dropBucket(bucket: string): void {
		for (const [id, q] of this.queries) if (q.bucket === bucket) this.queries.delete(id);
	}
}

/** Parses the query id from `?q=` or `x-reduct-query-id`. */
export function parseQueryId(raw: string | undefined | null): number {
	if (raw === undefined || raw === null || !/^\d+$/.test(raw))
		throw unprocessable('Invalid query id');
	return Number(raw);
}

/** Removes every record matched by a REMOVE query; returns the count. */
export function removeByQuery(
	state: FakeState,
	bucketName: string,
	req: QueryRequest,
	entries: string[],
): number {
	const bucket = getBucket(state, bucketName);
	const query = new RunningQuery(0, bucketName, { ...req, continuous: false }, entries);
	const victims: QueryItem[] = [];
	for (;;) {
		const batch = query.fetch(bucket, { maxRecords: 1000, maxBytes: Infinity });
		if (batch.length === 0) break;
		victims.push(...batch);
	}
	for (const { entry, record } of victims) bucket.entries.get(entry)?.remove(record.ts);
	return victims.length;
}
