import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, stringifyJson } from './json';

/** An API error: rendered as HTTP status + `x-reduct-error` header + `{"detail": ...}` body. */
export class ReductError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export const badRequest = (msg: string) => new ReductError(400, msg);
export const unauthorized = (msg: string) => new ReductError(401, msg);
export const forbidden = (msg: string) => new ReductError(403, msg);
export const notFound = (msg: string) => new ReductError(404, msg);
export const conflict = (msg: string) => new ReductError(409, msg);
export const unprocessable = (msg: string) => new ReductError(422, msg);
export const noContent = (msg: string) => new ReductError(204, msg);

export type Labels = Record<string, string>;

export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
	const text = stringifyJson(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 200): void {
	res.writeHead(status, { 'content-length': 0 });
	res.end();
}

/** Header values must be visible ASCII; anything else is replaced like the real server does. */
export function headerSafe(message: string): string {
	return /^[\x20-\x7e]*$/.test(message) ? message : 'Unparsable message';
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: ReductError): void {
	if (res.headersSent) {
		res.destroy(err);
		return;
	}
	res.setHeader('x-reduct-error', headerSafe(err.message));
	if (err.status === 204 || req.method === 'HEAD') {
		res.writeHead(err.status);
		res.end();
		return;
	}
	sendJson(res, { detail: err.message.replace(/"/g, "'") }, err.status);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Reads a JSON body; an empty body gives `undefined`, malformed JSON a 422. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
	const text = (await readBody(req)).toString('utf8');
	if (text.trim() === '') return undefined;
	try {
		return parseJson(text);
	} catch (err) {
		throw unprocessable(`Invalid JSON: ${(err as Error).message}`);
	}
}

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
	const body = await readJson(req);
	if (body === undefined) return {};
	if (!isObject(body)) throw unprocessable('JSON request must be an object');
	return body;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}

const TIMESTAMP = /^\d+$/;
const U64_MAX = (1n << 64n) - 1n;

/** Parses an unsigned 64-bit microsecond timestamp from a query parameter or header. */
export function parseTimestamp(raw: string, what = "'ts' parameter"): bigint {
	if (!TIMESTAMP.test(raw) || BigInt(raw) > U64_MAX) {
		throw unprocessable(`${what} must be an unix timestamp in microseconds`);
	}
	return BigInt(raw);
}

/** Parses a timestamp given as a JSON number. */
export function jsonTimestamp(value: unknown, field: string): bigint | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'bigint' && value >= 0n && value <= U64_MAX) return value;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
	throw unprocessable(`'${field}' must be an unix timestamp in microseconds`);
}

export function labelsFromHeaders(req: IncomingMessage): Labels {
	const labels: Labels = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (name.startsWith('x-reduct-label-') && value !== undefined) {
			labels[name.slice('x-reduct-label-'.length)] = Array.isArray(value)
				? value.join(', ')
				: value;
		}
	}
	return labels;
}

/** Record metadata headers shared by single reads and query links. */
export function recordHeaders(
	ts: bigint,
	size: number,
	contentType: string,
	labels: Labels,
): Record<string, string> {
	const headers: Record<string, string> = {
		'x-reduct-time': ts.toString(),
		'content-type': contentType,
		'content-length': size.toString(),
	};
	for (const [key, value] of Object.entries(labels)) headers[`x-reduct-label-${key}`] = value;
	return headers;
}

/** Quotes a batch-protocol label value when it contains a comma. */
export function csvLabel(value: string): string {
	return value.includes(',') ? `"${value}"` : value;
}

/** Splits a batch-protocol CSV header value on commas that are outside double quotes. */
export function splitCsv(value: string): string[] {
	const items: string[] = [];
	let current = '';
	let quoted = false;
	for (const ch of value) {
		if (ch === '"') quoted = !quoted;
		if (ch === ',' && !quoted) {
			items.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	items.push(current);
	return items;
}

/** Parses `key=value` / `key="a,b"` label items. */
export function parseLabelItem(item: string): [string, string] {
	const eq = item.indexOf('=');
	if (eq <= 0) throw unprocessable(`Invalid label '${item}' in batched header`);
	const key = item.slice(0, eq).trim();
	let value = item.slice(eq + 1).trim();
	if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
	return [key, value];
}
