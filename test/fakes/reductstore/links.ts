/**
 * Query links: `POST /links/:file` returns a URL carrying the query encrypted with a key derived from
 * the creator's token (so rotating/removing the token invalidates the link); `GET /links/:file`
 * serves the selected record anonymously, with Range support.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { type Ctx, getBucket } from './context';
import {
	header,
	isObject,
	jsonTimestamp,
	notFound,
	parseTimestamp,
	readJsonObject,
	recordHeaders,
	sendJson,
	unauthorized,
	unprocessable,
} from './http';
import { parseJson, stringifyJson } from './json';
import { parseQueryRequest } from './query';
import { canRead, requireRead } from './tokens';
import { compileWhen } from './when';

function keyFor(secret: string, salt: Buffer): Buffer {
	return Buffer.from(hkdfSync('sha256', secret, salt, 'reduct-fake-query-link', 32));
}

function encrypt(secret: string, plain: string): { ct: string; s: string; n: string } {
	const salt = randomBytes(16);
	const nonce = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyFor(secret, salt), nonce);
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
	return {
		ct: body.toString('base64url'),
		s: salt.toString('base64url'),
		n: nonce.toString('base64url'),
	};
}

function decrypt(secret: string, ct: string, s: string, n: string): string {
	try {
		const body = Buffer.from(ct, 'base64url');
		const decipher = createDecipheriv(
			'aes-256-gcm',
			keyFor(secret, Buffer.from(s, 'base64url')),
			Buffer.from(n, 'base64url'),
		);
		decipher.setAuthTag(body.subarray(body.length - 16));
		return Buffer.concat([
			decipher.update(body.subarray(0, body.length - 16)),
			decipher.final(),
		]).toString('utf8');
	} catch {
		throw unprocessable('Invalid query link: failed to decrypt the query');
	}
}

/** POST /links/:file_name */
export async function createLink(ctx: Ctx, fileName: string): Promise<void> {
	const body = await readJsonObject(ctx.req);
	if (typeof body.bucket !== 'string') throw unprocessable("'bucket' is required");
	const token = requireRead(ctx, body.bucket);
	getBucket(ctx.state, body.bucket);
	const query = parseQueryRequest(body.query);
	if (query.type !== 'QUERY') throw unprocessable("Only 'Query' type is supported for query links");
	if (typeof body.record_entry !== 'string' || body.record_timestamp === undefined) {
		throw unprocessable("Both 'record_entry' and 'record_timestamp' must be provided in payload");
	}
	jsonTimestamp(body.record_timestamp, 'record_timestamp');
	if (typeof body.expire_at !== 'number')
		throw unprocessable("'expire_at' must be a unix timestamp in seconds");

	let base = ctx.state.baseUrl;
	if (typeof body.base_url === 'string') {
		try {
			base = new URL(body.base_url).toString();
		} catch {
			throw unprocessable(`Invalid base_url provided for query link: ${body.base_url}`);
		}
	}
	if (!base.endsWith('/')) base += '/';
	const { ct, s, n } = encrypt(token.value, stringifyJson(body));
	const params = new URLSearchParams({ ct, s, i: token.name, n });
	sendJson(ctx.res, {
		link: `${base}api/v1/links/${encodeURIComponent(fileName)}?${params.toString()}`,
	});
}

/** GET|HEAD /links/:file_name?ct=&s=&n=&i=[&e=&ts=] (anonymous) */
export function getLink(ctx: Ctx, fileName: string): void {
	const params = ctx.url.searchParams;
	const [ct, s, n, i] = ['ct', 's', 'n', 'i'].map((name) => {
		const value = params.get(name);
		if (value === null) throw unprocessable(`Missing '${name}' parameter`);
		return value;
	});
	const store = ctx.state.tokens;
	const token = store.enabled ? store.tokens.get(i) : { value: '', name: i };
	if (!token) throw unauthorized('Invalid token');
	const payload = parseJson(decrypt(token.value, ct, s, n));
	if (!isObject(payload) || !isObject(payload.query) || typeof payload.bucket !== 'string') {
		throw unprocessable('Invalid query link payload');
	}
	if (typeof payload.expire_at === 'number' && payload.expire_at * 1000 < Date.now()) {
		throw unprocessable('Query link has expired');
	}
	if (store.enabled && 'permissions' in token && !canRead(token, payload.bucket)) {
		throw unauthorized(`Token '${i}' can no longer read bucket '${payload.bucket}'`);
	}

	const e = params.get('e');
	const tsRaw = params.get('ts');
	if ((e === null) !== (tsRaw === null))
		throw unprocessable("Parameters 'e' and 'ts' must be provided together");
	const entry = e ?? String(payload.record_entry);
	const ts =
		tsRaw !== null
			? parseTimestamp(tsRaw)
			: jsonTimestamp(payload.record_timestamp, 'record_timestamp')!;

	const bucket = getBucket(ctx.state, payload.bucket);
	const record = bucket.getRecord(entry, ts);
	const query = parseQueryRequest(payload.query);
	const inRange =
		(query.start === undefined || ts >= query.start) &&
		(query.stop === undefined || ts < query.stop);
	const cond = query.when === undefined ? undefined : compileWhen(query.when, query.strict);
	if (!inRange || (cond && !cond.matches({ ts, labels: record.labels }))) {
		throw notFound(`Record ${entry}@${ts} is not selected by the query link`);
	}

	const headers: Record<string, string> = {
		...recordHeaders(record.ts, record.data.length, record.contentType, record.labels),
		'content-disposition': `attachment; filename="${fileName}"`,
		'accept-ranges': 'bytes',
	};
	let body = record.data;
	let status = 200;
	const range = /^bytes=(\d*)-(\d*)$/.exec(header(ctx.req, 'range') ?? '');
	if (range && (range[1] !== '' || range[2] !== '')) {
		const size = record.data.length;
		const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
		const end =
			range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
		if (start > end || start >= size) {
			ctx.res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': 0 });
			ctx.res.end();
			return;
		}
		body = record.data.subarray(start, end + 1);
		status = 206;
		headers['content-range'] = `bytes ${start}-${end}/${size}`;
		headers['content-length'] = String(body.length);
	}
	ctx.res.writeHead(status, headers);
	ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
}
