/* eslint-disable @n8n/community-nodes/require-node-api-error -- the credential's preAuthentication
   runs without a node: n8n wraps what it throws in a NodeApiError, and the shared transport passes
   a UserError (a refused login, a wrong API URL) through unchanged and unretried, while network
   errors, 429 and 5xx are rethrown as they are for its retries. */
import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { readHttpFailure, isRetryableStatus } from '../shared/transport';
import { DEFAULT_RETRY_POLICY } from '../shared/transport/retryPolicy';
import { endpointProblem, type EndpointRule } from '../shared/transport/endpoint';

/**
 * The CloudCIX login, shared by the credential (its `preAuthentication`) and the node's
 * transport (which asks n8n to renew the token shortly before it runs out).
 */

export const CLOUDCIX_CREDENTIAL = 'cloudPackCloudCixApi';
export const DEFAULT_API_URL = 'https://api.cloudcix.com/';
/** The credential's hidden, expirable field holding the token. */
export const TOKEN_FIELD = 'token';
/** A token is renewed this long before it runs out (or at half its lifetime when shorter). */
export const RENEW_MARGIN_MS = 5 * 60_000;

const APPLICATION_PLACEHOLDER = '{application}';

/**
 * The endpoint rule (nodes/shared/transport/endpoint.ts) for every address made from the API URL:
 * the login sends the password and API key, every other request the token, so https:// (or
 * http:// to this machine only), and never user:password@.
 */
export const API_URL_RULE: EndpointRule = {
	label: 'The "API URL" of the CloudCIX credential',
	sendsSecret: true,
};

/**
 * The base URL of one application, ending in "/": `{application}` in the API URL is replaced
 * by the application's name; without it the name goes in front of the host, as CloudCIX's
 * Python library does (https://api.cloudcix.com/ → https://membership.api.cloudcix.com/).
 * The address is checked with the endpoint rule (a UserError naming the credential field).
 */
export function applicationUrl(apiUrl: unknown, application: string): string {
	const raw = typeof apiUrl === 'string' && apiUrl.trim() !== '' ? apiUrl.trim() : DEFAULT_API_URL;
	const templated = raw.includes(APPLICATION_PLACEHOLDER);
	const given = templated ? raw.split(APPLICATION_PLACEHOLDER).join(application) : raw;
	let url: URL | undefined;
	try {
		url = new URL(given);
		if (!templated) url.hostname = `${application}.${url.hostname}`;
	} catch {
		url = undefined;
	}
	const problem = endpointProblem(url?.href ?? given, API_URL_RULE);
	if (problem || !url) {
		throw new UserError(problem ?? `${API_URL_RULE.label} is not a URL`, {
			description: `Use ${DEFAULT_API_URL}, or an https:// URL with {application} where the application name goes`,
		});
	}
	url.search = '';
	url.hash = '';
	return url.toString().replace(/\/*$/, '/');
}

/** Who the stored token was issued to: a new e-mail, API key or URL needs a new login. */
export function sessionOwner(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update([credentials.email, credentials.apiKey, credentials.apiUrl].map(String).join('\n'))
		.digest('hex')
		.slice(0, 16);
}

/** The `exp` (seconds) of a JWT, without verifying it (only CloudCIX can). */
export function tokenExpiry(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IDataObject).exp;
		return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
	} catch {
		return undefined;
	}
}

/**
 * When to renew a token issued now, as an ISO date ('' when it carries no expiry: then only a
 * 401 renews it). Its lifetime is measured on CloudCIX's clock (the login's Date header), so a
 * skewed local clock does not matter.
 */
export function renewalTime(token: string, serverDate: unknown, now = Date.now()): string {
	const exp = tokenExpiry(token);
	if (exp === undefined) return '';
	const serverNow = typeof serverDate === 'string' ? Date.parse(serverDate) : NaN;
	const lifetime = exp * 1000 - (Number.isFinite(serverNow) ? serverNow : now);
	if (lifetime <= 0) return '';
	return new Date(now + lifetime - Math.min(RENEW_MARGIN_MS, lifetime / 2)).toISOString();
}

/** Whether the stored token must be renewed before the next request. */
export function isSessionDue(
	credentials: ICredentialDataDecryptedObject,
	now = Date.now(),
): boolean {
	if (!credentials[TOKEN_FIELD]) return true;
	if (credentials.sessionOwner !== sessionOwner(credentials)) return true;
	const renewAt = Date.parse(String(credentials.sessionRenewAfter ?? ''));
	return Number.isFinite(renewAt) && now >= renewAt;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const LOGIN_HINTS: Record<string, string> = {
	membership_token_create_001: 'Fill in the E-mail and Password of the CloudCIX credential.',
	membership_token_create_002: 'Check the E-mail and Password of the CloudCIX credential.',
	membership_token_create_003:
		'Check the API Key: it must be the API key of the Member the user belongs to (CloudCIX → Member Details).',
};

/** A refused login, as CloudCIX explains it: its error code and message. */
export function loginRefused(status: number | undefined, body: unknown): UserError {
	let parsed = body;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		try {
			parsed = JSON.parse(body.toString());
		} catch {
			parsed = { detail: body.toString().slice(0, 300) };
		}
	}
	const object = (parsed && typeof parsed === 'object' ? parsed : {}) as IDataObject;
	const code = text(object.error_code);
	const detail = text(object.detail) ?? (status ? `HTTP ${status}` : 'no reason given');
	const otp = code !== undefined && /^membership_token_create_00[4-8]$/.test(code);
	return new UserError(`CloudCIX refused the login${code ? ` (${code})` : ''}: ${detail}`, {
		description:
			(code && LOGIN_HINTS[code]) ??
			(otp
				? 'The user logs in with a one-time password; use a CloudCIX user without two-factor login for n8n.'
				: `The login to CloudCIX Membership answered HTTP ${status ?? '?'}.`),
	});
}

/**
 * Logs in (POST Membership `auth/login/`, 201 with a token) and returns what the credential
 * stores: the token, when to renew it and whom it was issued to. A refused login throws a
 * UserError with CloudCIX's code and message; network errors, 429 and 5xx are rethrown as they
 * are, for the transport's retries.
 */
export async function logIn(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const url = `${applicationUrl(credentials.apiUrl, 'membership')}auth/login/`;
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url,
			body: {
				email: String(credentials.email ?? ''),
				password: String(credentials.password ?? ''),
				api_key: String(credentials.apiKey ?? ''),
			},
			json: true,
			returnFullResponse: true,
			// a server that never answers fails the login (and the credential test) instead of hanging
			timeout: DEFAULT_RETRY_POLICY.idleTimeoutMs,
			skipSslCertificateValidation: credentials.allowUnauthorizedCerts === true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const failure = readHttpFailure(error);
		if (failure.status === undefined || isRetryableStatus(failure.status) || failure.status >= 500)
			throw error;
		throw loginRefused(failure.status, failure.body);
	}
	const token = text((response.body as IDataObject | undefined)?.token);
	if (!token) {
		throw new UserError('CloudCIX accepted the e-mail and password but issued no token', {
			description: "Fill in the API Key of the CloudCIX credential: the Member's API key.",
		});
	}
	return {
		[TOKEN_FIELD]: token,
		sessionRenewAfter: renewalTime(token, response.headers?.date),
		sessionOwner: sessionOwner(credentials),
	};
}
