import { type Ctx, type FakeState, getBucket } from './context';
import {
	conflict,
	isObject,
	readJson,
	readJsonObject,
	sendEmpty,
	sendJson,
	unprocessable,
} from './http';
import {
	BucketData,
	type BucketSettings,
	checkBucketName,
	DEFAULT_SETTINGS,
	type EntryData,
	type QuotaType,
} from './store';
import {
	canRead,
	renameBucketInTokens,
	requireAuthenticated,
	requireFullAccess,
	requireRead,
} from './tokens';

const QUOTA_TYPES: QuotaType[] = ['NONE', 'FIFO', 'HARD'];

function settingsJson(s: BucketSettings) {
	return {
		max_block_size: s.max_block_size,
		max_block_records: s.max_block_records,
		quota_type: s.quota_type,
		quota_size: s.quota_size,
	};
}

function bucketInfoJson(bucket: BucketData) {
	const { oldest, latest } = bucket.timeRange();
	return {
		name: bucket.name,
		entry_count: bucket.visibleEntries().length,
		size: bucket.size(),
		oldest_record: oldest,
		latest_record: latest,
		is_provisioned: bucket.provisioned,
		status: 'READY',
	};
}

function entryInfoJson(entry: EntryData, settings: BucketSettings) {
	const count = entry.records.length;
	return {
		name: entry.name,
		size: entry.size(),
		block_count: count === 0 ? 0 : Math.ceil(count / Number(settings.max_block_records || 1n)),
		record_count: count,
		oldest_record: entry.oldest(),
		latest_record: entry.latest(),
		status: 'READY',
	};
}

/** Settings fields are "String/Integer" in the docs: accept non-negative integers or digit strings. */
function settingInt(value: unknown, field: string): bigint | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'bigint' && value >= 0n) return value;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
	if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
	throw unprocessable(`'${field}' must be a non-negative integer`);
}

function parseSettings(body: unknown, base: BucketSettings): BucketSettings {
	if (body === undefined) return { ...base };
	if (!isObject(body)) throw unprocessable('Bucket settings must be a JSON object');
	const quotaType = body.quota_type ?? undefined;
	if (quotaType !== undefined && !QUOTA_TYPES.includes(quotaType as QuotaType)) {
		throw unprocessable("'quota_type' must be one of 'NONE', 'FIFO' or 'HARD'");
	}
	return {
		max_block_size: settingInt(body.max_block_size, 'max_block_size') ?? base.max_block_size,
		max_block_records:
			settingInt(body.max_block_records, 'max_block_records') ?? base.max_block_records,
		quota_type: (quotaType as QuotaType | undefined) ?? base.quota_type,
		quota_size: settingInt(body.quota_size, 'quota_size') ?? base.quota_size,
	};
}

/** GET /api/v1/info */
export function handleInfo(ctx: Ctx): void {
	requireAuthenticated(ctx);
	const { state } = ctx;
	let usage = 0;
	let oldest: bigint | undefined;
	let latest: bigint | undefined;
	for (const bucket of state.buckets.values()) {
		usage += bucket.size();
		if (bucket.visibleEntries().every((e) => e.records.length === 0)) continue;
		const range = bucket.timeRange();
		if (oldest === undefined || range.oldest < oldest) oldest = range.oldest;
		if (latest === undefined || range.latest > latest) latest = range.latest;
	}
	sendJson(ctx.res, {
		version: state.serverVersion,
		bucket_count: state.buckets.size,
		usage,
		uptime: Math.floor((Date.now() - state.startedAt) / 1000),
		oldest_record: oldest ?? 0n,
		latest_record: latest ?? 0n,
		defaults: { bucket: settingsJson(DEFAULT_SETTINGS) },
	});
}

/** GET /api/v1/list: buckets the token can read. */
export function handleList(ctx: Ctx): void {
	const token = requireAuthenticated(ctx);
	const buckets = [...ctx.state.buckets.values()]
		.filter((b) => canRead(token, b.name))
		.sort((a, b) => a.name.localeCompare(b.name));
	sendJson(ctx.res, { buckets: buckets.map(bucketInfoJson) });
}

/** /api/v1/b/:bucket (GET, HEAD, POST, PUT, DELETE) */
export async function handleBucket(ctx: Ctx, name: string): Promise<boolean> {
	const { state } = ctx;
	switch (ctx.method) {
		case 'GET': {
			requireRead(ctx, name);
			const bucket = getBucket(state, name);
			sendJson(ctx.res, {
				settings: settingsJson(bucket.settings),
				info: bucketInfoJson(bucket),
				entries: bucket.visibleEntries().map((e) => entryInfoJson(e, bucket.settings)),
			});
			return true;
		}
		case 'HEAD':
			requireRead(ctx, name);
			getBucket(state, name);
			sendEmpty(ctx.res);
			return true;
		case 'POST': {
			requireFullAccess(ctx);
			const settings = parseSettings(await readJson(ctx.req), DEFAULT_SETTINGS);
			checkBucketName(name);
			if (state.buckets.has(name)) throw conflict(`Bucket '${name}' already exists`);
			state.buckets.set(name, new BucketData(name, settings));
			sendEmpty(ctx.res);
			return true;
		}
		case 'PUT': {
			requireFullAccess(ctx);
			const body = await readJson(ctx.req);
			const bucket = getBucket(state, name);
			if (bucket.provisioned)
				throw conflict(`Can't change settings of provisioned bucket '${name}'`);
			bucket.settings = parseSettings(body, bucket.settings);
			sendEmpty(ctx.res);
			return true;
		}
		case 'DELETE': {
			requireFullAccess(ctx);
			const bucket = getBucket(state, name);
			if (bucket.provisioned) throw conflict(`Can't remove provisioned bucket '${name}'`);
			removeBucket(state, name);
			sendEmpty(ctx.res);
			return true;
		}
		default:
			return false;
	}
}

function removeBucket(state: FakeState, name: string): void {
	state.buckets.delete(name);
	state.queries.dropBucket(name);
	renameBucketInTokens(state.tokens, name);
}

/** PUT /api/v1/b/:bucket/rename {"new_name": "..."} */
export async function handleBucketRename(ctx: Ctx, name: string): Promise<void> {
	requireFullAccess(ctx);
	const body = await readJsonObject(ctx.req);
	const { state } = ctx;
	const bucket = getBucket(state, name);
	const newName = body.new_name;
	if (typeof newName !== 'string') throw unprocessable("'new_name' must be a string");
	checkBucketName(newName);
	if (bucket.provisioned) throw conflict(`Can't rename provisioned bucket '${name}'`);
	if (state.buckets.has(newName)) throw conflict(`Bucket '${newName}' already exists`);
	state.buckets.delete(name);
	state.queries.dropBucket(name);
	bucket.name = newName;
	state.buckets.set(newName, bucket);
	renameBucketInTokens(state.tokens, name, newName);
	sendEmpty(ctx.res);
}
