import type { IHttpRequestOptions } from 'n8n-workflow';
import { isIP } from 'net';

import { withCredentialTestTimeout } from './credentialTest';

/**
 * The one rule every credential and driver of the pack applies to an endpoint it is given
 * (S3, Azure, GCS, Coda, ReductStore, Infomaniak Newsletter, CloudCIX, OpenStack and every
 * endpoint of its catalog):
 * - user information (`https://user:password@host`) is refused, whatever the provider: it
 *   would be a second, unmanaged secret, sent to the host on every request and shown
 *   wherever the URL is shown;
 * - a request that carries a secret (a token, a key, a signature) goes over `https://`, or
 *   over plain `http://` to a loopback address only (a local emulator or proxy on the same
 *   machine), never in clear text across a network.
 */
export interface EndpointRule {
	/** How the field is named to the user, e.g. `"Endpoint" of the S3 credential`. */
	label: string;
	/** Whether requests to it carry a secret (token, key, signature). */
	sendsSecret: boolean;
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), `localhost` and names below `.localhost`. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '')
		.toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	const version = isIP(host);
	if (version === 4) return host.startsWith('127.');
	if (version === 6) {
		if (host === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(host)) return true;
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
		if (mapped) return mapped.startsWith('127.');
		const mappedHex = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host)?.[1];
		return mappedHex !== undefined && parseInt(mappedHex, 16) >> 8 === 127;
	}
	return false;
}

/**
 * What is wrong with `raw` as an endpoint under the rule, or undefined when it may be used.
 * The answer never repeats user information found in the URL.
 */
export function endpointProblem(raw: string, rule: EndpointRule): string | undefined {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return `${rule.label} is not a URL`;
	}
	if (url.username || url.password) {
		return `${rule.label} must not contain a user name or password (user:password@); put the secret in the credential's own fields`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `${rule.label} must start with https:// (or http:// for a server on this machine), not "${url.protocol}"`;
	}
	if (rule.sendsSecret && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return `${rule.label} must use https://: plain http:// would send the credential's secret in clear text to ${url.hostname} (http:// is allowed only for a server on this machine, such as 127.0.0.1 or localhost)`;
	}
	return undefined;
}

/** The URL with any user information removed, for messages. */
export function withoutUserInfo(raw: string): string {
	try {
		const url = new URL(raw);
		if (!url.username && !url.password) return raw;
		url.username = '';
		url.password = '';
		return url.href;
	} catch {
		return raw.replace(/\/\/[^/@]*@/, '//');
	}
}

/**
 * The URL a request of n8n's helper goes to: `url` when absolute, else `baseURL` and `url`
 * joined by one "/", as axios joins them (`https://h/v1/` + `country/` → `https://h/v1/country/`).
 */
export function requestTarget(request: { url?: string; baseURL?: string; uri?: string }): string {
	const url = String(request.url ?? request.uri ?? '');
	if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
	const base = String(request.baseURL ?? '').replace(/\/+$/, '');
	return url ? `${base}/${url.replace(/^\/+/, '')}` : base;
}

/**
 * For a credential's `authenticate`: refuses a request whose address breaks the endpoint rule
 * (also the credential test's request, which no node code checks).
 */
export function assertRequestEndpoint(
	request: { url?: string; baseURL?: string; uri?: string },
	rule: EndpointRule,
): void {
	const problem = endpointProblem(requestTarget(request), rule);
	if (problem) throw new Error(problem);
}

/**
 * A credential's `authenticate` for a secret sent in headers: the request's address checked
 * against the rule first (every request that carries the secret, the credential test's
 * included), then the headers added; a credential test gets its own timeout back.
 */
export function withSecretHeaders(
	requestOptions: IHttpRequestOptions,
	rule: EndpointRule,
	headers: Record<string, string>,
): IHttpRequestOptions {
	const options = withCredentialTestTimeout(requestOptions);
	assertRequestEndpoint(options, rule);
	return { ...options, headers: { ...(options.headers ?? {}), ...headers } };
}
