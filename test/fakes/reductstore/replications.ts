/**
 * Replication API. The fake stores tasks but never sends data: a task is reported inactive and every
 * record written to its source bucket (while not disabled) stays in `pending_records`.
 */
import type { Ctx, FakeState } from './context';
import {
	conflict,
	isObject,
	notFound,
	readJsonObject,
	sendEmpty,
	sendJson,
	unprocessable,
} from './http';
import { compileWhen } from './when';
import { requireFullAccess } from './tokens';

type Mode = 'enabled' | 'paused' | 'disabled';
const MODES: Mode[] = ['enabled', 'paused', 'disabled'];
const COMPRESSIONS = ['none', 'gzip', 'zstd'];

export interface Replication {
	name: string;
	settings: Record<string, unknown>;
	mode: Mode;
	pendingRecords: number;
	isProvisioned: boolean;
}

function entryMatches(patterns: string[], entry: string): boolean {
	if (patterns.length === 0) return true;
	return patterns.some((p) => p === entry || (p.endsWith('*') && entry.startsWith(p.slice(0, -1))));
}

/** Called for every record written: counts it as pending for matching, non-disabled tasks. */
export function notifyWrite(state: FakeState, bucket: string, entry: string): void {
	for (const rep of state.replications.values()) {
		if (rep.mode === 'disabled' || rep.settings.src_bucket !== bucket) continue;
		if (entryMatches((rep.settings.entries as string[]) ?? [], entry)) rep.pendingRecords += 1;
	}
}

function requireString(body: Record<string, unknown>, field: string): string {
	const value = body[field];
	if (typeof value !== 'string') throw unprocessable(`'${field}' is required and must be a string`);
	return value;
}

function parseMode(value: unknown): Mode {
	if (value === undefined || value === null) return 'enabled';
	if (!MODES.includes(value as Mode))
		throw unprocessable(`Invalid replication mode '${String(value)}'`);
	return value as Mode;
}

function parseSettings(
	ctx: Ctx,
	name: string,
	body: Record<string, unknown>,
): Record<string, unknown> {
	const srcBucket = requireString(body, 'src_bucket');
	const dstBucket = requireString(body, 'dst_bucket');
	const dstHost = requireString(body, 'dst_host');
	let url: URL;
	try {
		url = new URL(dstHost);
	} catch {
		throw unprocessable(`Invalid destination host '${dstHost}'`);
	}
	const entries = body.entries ?? [];
	if (!Array.isArray(entries) || entries.some((e) => typeof e !== 'string')) {
		throw unprocessable("'entries' must be a list of strings");
	}
	if (
		body.compression !== undefined &&
		body.compression !== null &&
		!COMPRESSIONS.includes(String(body.compression))
	) {
		throw unprocessable(`Invalid compression '${String(body.compression)}'`);
	}
	for (const field of ['include', 'exclude']) {
		if (body[field] !== undefined && body[field] !== null && !isObject(body[field])) {
			throw unprocessable(`'${field}' must be an object`);
		}
	}
	if (!ctx.state.buckets.has(srcBucket)) {
		throw notFound(`Source bucket '${srcBucket}' for replication '${name}' does not exist`);
	}
	const self = new URL(ctx.state.baseUrl);
	if (
		srcBucket === dstBucket &&
		url.port === self.port &&
		['127.0.0.1', 'localhost', '0.0.0.0'].includes(url.hostname)
	) {
		throw unprocessable('Source and destination buckets must be different');
	}
	if (body.when !== undefined && body.when !== null) {
		try {
			compileWhen(body.when);
		} catch (err) {
			throw unprocessable(`Invalid replication condition: ${(err as Error).message}`);
		}
	}
	return {
		src_bucket: srcBucket,
		dst_bucket: dstBucket,
		dst_host: dstHost,
		dst_token: typeof body.dst_token === 'string' ? body.dst_token : undefined,
		entries,
		dst_prefix: typeof body.dst_prefix === 'string' ? body.dst_prefix : '',
		compression: body.compression ?? 'none',
		include: body.include ?? {},
		exclude: body.exclude ?? {},
		each_s: body.each_s ?? null,
		each_n: body.each_n ?? null,
		when: body.when ?? null,
	};
}

function infoJson(rep: Replication) {
	return {
		name: rep.name,
		mode: rep.mode,
		is_provisioned: rep.isProvisioned,
		is_active: false,
		pending_records: rep.pendingRecords,
	};
}

function find(ctx: Ctx, name: string): Replication {
	const rep = ctx.state.replications.get(name);
	if (!rep) throw notFound(`Replication '${name}' does not exist`);
	return rep;
}

/** /api/v1/replications[/:name[/mode]] */
export async function handleReplications(ctx: Ctx, rest: string[]): Promise<boolean> {
	requireFullAccess(ctx);
	const { method, state } = ctx;
	const [name, action] = rest;
	if (rest.length === 0 && method === 'GET') {
		const list = [...state.replications.values()].sort((a, b) => a.name.localeCompare(b.name));
		sendJson(ctx.res, { replications: list.map(infoJson) });
		return true;
	}
	if (rest.length === 2 && action === 'mode' && method === 'PATCH') {
		const body = await readJsonObject(ctx.req);
		const rep = find(ctx, name);
		if (body.mode === undefined) throw unprocessable("'mode' is required");
		const mode = parseMode(body.mode);
		if (rep.isProvisioned) throw conflict(`Can't update provisioned replication '${name}'`);
		rep.mode = mode;
		sendEmpty(ctx.res);
		return true;
	}
	if (rest.length !== 1) return false;

	switch (method) {
		case 'GET': {
			const rep = find(ctx, name);
			// the destination token is never returned
			const settings: Record<string, unknown> = { ...rep.settings, mode: rep.mode };
			delete settings.dst_token;
			sendJson(ctx.res, {
				info: infoJson(rep),
				settings,
				diagnostics: { hourly: { ok: 0, errored: 0, errors: {} } },
			});
			return true;
		}
		case 'POST': {
			const body = await readJsonObject(ctx.req);
			if (state.replications.has(name)) throw conflict(`Replication '${name}' already exists`);
			const settings = parseSettings(ctx, name, body);
			state.replications.set(name, {
				name,
				settings,
				mode: parseMode(body.mode),
				pendingRecords: 0,
				isProvisioned: false,
			});
			sendEmpty(ctx.res);
			return true;
		}
		case 'PUT': {
			const body = await readJsonObject(ctx.req);
			const rep = find(ctx, name);
			if (rep.isProvisioned) throw conflict(`Can't update provisioned replication '${name}'`);
			rep.settings = parseSettings(ctx, name, body);
			rep.mode = parseMode(body.mode);
			sendEmpty(ctx.res);
			return true;
		}
		case 'DELETE': {
			const rep = find(ctx, name);
			if (rep.isProvisioned) throw conflict(`Can't remove provisioned replication '${name}'`);
			state.replications.delete(name);
			sendEmpty(ctx.res);
			return true;
		}
		default:
			return false;
	}
}
