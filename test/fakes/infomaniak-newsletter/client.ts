import type { NewsletterFake } from './server';

/** A plain fetch against the fake, for tests that talk to it directly. */

export interface FakeAnswer<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

export interface FakeCall {
	body?: unknown;
	query?: Record<string, string | number | boolean>;
	/** `null` sends no Authorization header; default: the fake's token. */
	token?: string | null;
	headers?: Record<string, string>;
}

/** `path` below `/1/newsletters/{domain}` (`/groups`), or from `/1/…` for other paths. */
export async function callFake<T = any>(
	fake: Pick<NewsletterFake, 'url' | 'token' | 'domainId'>,
	method: string,
	path: string,
	call: FakeCall = {},
): Promise<FakeAnswer<T>> {
	const full = path.startsWith('/1/') ? path : `/1/newsletters/${fake.domainId}${path}`;
	const url = new URL(`${fake.url}${full}`);
	for (const [key, value] of Object.entries(call.query ?? {}))
		url.searchParams.set(key, String(value));
	const token = call.token === undefined ? fake.token : call.token;
	const headers: Record<string, string> = { ...call.headers };
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	if (call.body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(url, {
		method,
		headers,
		body: call.body === undefined ? undefined : JSON.stringify(call.body),
	});
	const text = await res.text();
	return {
		status: res.status,
		body: (text ? JSON.parse(text) : undefined) as T,
		headers: res.headers,
	};
}
