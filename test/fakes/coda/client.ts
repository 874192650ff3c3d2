import type { CodaFake } from './server';

/** Minimal fetch wrapper for tests talking to the fake directly. */

export interface CodaResponse<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

export interface CodaRequestOptions {
	body?: unknown;
	query?: Record<string, string | number | boolean>;
	/** `null` sends no Authorization header; default: the fake's token. */
	token?: string | null;
}

export async function codaRequest<T = any>(
	fake: Pick<CodaFake, 'url' | 'token'>,
	method: string,
	path: string,
	options: CodaRequestOptions = {},
): Promise<CodaResponse<T>> {
	const url = new URL(path.startsWith('http') ? path : `${fake.url}${path}`);
	for (const [key, value] of Object.entries(options.query ?? {}))
		url.searchParams.set(key, String(value));
	const token = options.token === undefined ? fake.token : options.token;
	const headers: Record<string, string> = {};
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	if (options.body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(url, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await res.text();
	let body: unknown = text;
	if ((res.headers.get('content-type') ?? '').includes('json') && text !== '')
		body = JSON.parse(text);
	return { status: res.status, body: body as T, headers: res.headers };
}
