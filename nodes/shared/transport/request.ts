import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { Readable } from 'stream';

import { readHttpFailure, toNodeApiError } from './errors';
import { waitUnlessAborted } from './wait';
import type { HttpFailure } from './errors';
import { requestPacer, type RateLimit } from './rateLimit';
import { secretsFromCredential, secretsFromRequest } from './redact';
import {
	decideRetry,
	errorChain,
	isIdempotentMethod,
	isRetryableNetworkError,
	isTimeoutError,
	parseRetryAfter,
	resolveRetryPolicy,
} from './retryPolicy';
import type { RetryDecision, RetryPolicy } from './retryPolicy';

/** n8n contexts whose helpers include `httpRequestWithAuthentication`. */
export type CloudRequestContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| ITriggerFunctions
	| IWebhookFunctions;

export interface CloudRequest extends IHttpRequestOptions {
	/** Mark a non-idempotent request (POST, PATCH) safe to retry (the provider guarantees idempotency). */
	retrySafe?: boolean;
	/** Extra values to redact from errors, on top of those found in headers, query and credential. */
	secrets?: string[];
	/** The provider's request quota: each attempt first waits for a token of the credential's bucket (rateLimit.ts). */
	rateLimit?: RateLimit;
	/**
	 * For a credential whose token n8n renews through `preAuthentication` (a hidden field with
	 * `typeOptions.expirable`). n8n renews it only when the field is empty or after a 401; when
	 * `due` says, from the stored credential data, that the token runs out soon, the credential is
	 * handed to n8n with that field emptied, so n8n logs in (and stores the new token) before
	 * this request instead of after a 401.
	 */
	expirableToken?: ExpirableToken;
	/**
	 * Passed to n8n's helper as is: e.g. `credentialsDecrypted`, the credential data to use instead
	 * of reading it again (login-style credentials hand over a session n8n may renew in place).
	 */
	credentialOptions?: IAdditionalCredentialOptions;
}

export interface ExpirableToken {
	/** The credential's hidden `expirable` field holding the token. */
	field: string;
	due: (credentials: ICredentialDataDecryptedObject) => boolean;
}

/** Injectable clock and timers, so tests can assert exact delays without waiting. */
export interface CloudRequestDeps {
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	random?: () => number;
}

type CancelSignal = IHttpRequestOptions['abortSignal'];

/** Waits `ms`, or less when the execution is cancelled meanwhile. */
async function sleepUnlessCancelled(ms: number, signal: CancelSignal): Promise<void> {
	await waitUnlessAborted(ms, signal);
}

/** A body that is consumed while being sent (stream, form-data) cannot be sent a second time. */
function isStreamBody(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { pipe?: unknown }).pipe === 'function'
	);
}

/**
 * Whether a failed attempt may be sent again. A 429 is: the service refused the request before
 * doing anything. Otherwise only idempotent methods, or writes the caller marked `retrySafe`.
 */
function isReplayable(
	request: IHttpRequestOptions,
	retrySafe: boolean | undefined,
	status?: number,
): boolean {
	if (isStreamBody(request.body)) return false;
	return status === 429 || retrySafe === true || isIdempotentMethod(request.method);
}

/**
 * n8n's request helper sends a stream body only when it recognises its class (Readable,
 * ReadStream): any other stream (PassThrough, SDK streams) would silently go out empty.
 */
function sendableBody(body: unknown): unknown {
	if (!isStreamBody(body) || !(body instanceof Readable)) return body;
	return ['Readable', 'ReadStream'].includes(body.constructor.name) ? body : Readable.from(body);
}

function cancelSignal(ctx: CloudRequestContext, request: IHttpRequestOptions): CancelSignal {
	if (request.abortSignal) return request.abortSignal;
	const getSignal = (ctx as Partial<IExecuteFunctions>).getExecutionCancelSignal;
	return typeof getSignal === 'function' ? getSignal.call(ctx) : undefined;
}

/** Reads at most `limit` bytes of an error stream (encoding: 'stream'), then releases it. */
async function readStreamBody(stream: NodeJS.ReadableStream, limit = 64 * 1024): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream as AsyncIterable<Buffer | string>) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// a broken error stream still leaves us the status code
	}
	(stream as { destroy?: () => void }).destroy?.();
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

async function readFailure(error: unknown): Promise<HttpFailure> {
	const failure = readHttpFailure(error);
	if (isStreamBody(failure.body)) {
		failure.body = await readStreamBody(failure.body as NodeJS.ReadableStream);
	}
	return failure;
}

async function collectSecrets(
	ctx: CloudRequestContext,
	credentialType: string,
	request: IHttpRequestOptions,
	extraSecrets: string[] = [],
): Promise<string[]> {
	const secrets = [...secretsFromRequest(request), ...extraSecrets];
	try {
		secrets.push(...secretsFromCredential(await ctx.getCredentials(credentialType)));
	} catch {
		// no readable credential: the request-level and pattern redaction still apply
	}
	return secrets;
}

/**
 * The credential options that make n8n renew an expirable token before the request, when the
 * stored token is due; undefined (n8n's usual path) otherwise.
 */
async function renewalOptions(
	ctx: CloudRequestContext,
	credentialType: string,
	token: ExpirableToken | undefined,
): Promise<IAdditionalCredentialOptions | undefined> {
	if (!token) return undefined;
	const stored = ctx.getNode().credentials?.[credentialType];
	if (!stored?.id) return undefined;
	const credentials = await ctx.getCredentials(credentialType);
	if (!token.due(credentials)) return undefined;
	return {
		credentialsDecrypted: {
			id: stored.id,
			name: stored.name,
			type: credentialType,
			data: { ...credentials, [token.field]: '' },
		},
	};
}

/**
 * The one authenticated request of the pack, with bounded retries.
 *
 * - Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried on 429/502/503/504 and on
 *   transient network errors; POST/PATCH only when `retrySafe` is set, except after a 429,
 *   which any method may retry (the service did nothing).
 * - A stream body is never retried: it is consumed by the first attempt and cannot be replayed.
 * - Attempts are bounded by `maxAttempts` and `maxTotalMs`: no wait starts that would end past
 *   the total budget, and each attempt's timeout is cut to what is left of it.
 * - Retry-After (seconds or HTTP-date) is honoured on 429/503, capped at `maxDelayMs`; when it
 *   points past the remaining budget the service's error is surfaced at once.
 * - `timeout` defaults to `policy.idleTimeoutMs`. n8n's helper has a single timeout, which also
 *   covers the connect phase; `connectTimeoutMs` is for SDK-based providers.
 * - The final failure is a redacted NodeApiError (see errors.ts).
 * - With `expirableToken`, a token about to run out is renewed by n8n before the request.
 */
export async function cloudRequest<T = any>(
	ctx: CloudRequestContext,
	credentialType: string,
	options: CloudRequest,
	policy?: Partial<RetryPolicy>,
	deps: CloudRequestDeps = {},
): Promise<T> {
	const resolvedPolicy = resolveRetryPolicy(policy);
	const { retrySafe, secrets, rateLimit, expirableToken, credentialOptions, ...request } = options;
	const signal = cancelSignal(ctx, request);
	const now = deps.now ?? Date.now;
	const sleep = deps.sleep ?? ((ms: number) => sleepUnlessCancelled(ms, signal));
	const random = deps.random ?? Math.random;

	if (request.body !== undefined)
		request.body = sendableBody(request.body) as IHttpRequestOptions['body'];
	const requestedTimeout = request.timeout ?? resolvedPolicy.idleTimeoutMs;
	const pacer = rateLimit && requestPacer(ctx, credentialType, request, rateLimit, { now, sleep });
	await pacer?.(); // the first attempt's turn does not count against the retry budget
	const startedAt = now();
	let previous: { failure: HttpFailure; retryAfterMs?: number } | undefined;

	for (let attemptsMade = 1; ; attemptsMade++) {
		if (attemptsMade > 1) await pacer?.();
		// The last attempt only gets what is left of the budget, so the total stays bounded.
		const remainingMs = resolvedPolicy.maxTotalMs - (now() - startedAt);
		const timeout = Math.max(
			1,
			requestedTimeout > 0 ? Math.min(requestedTimeout, remainingMs) : remainingMs,
		);
		try {
			return (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				{
					...request,
					// fresh copies: the helper and the credential's authenticate() may mutate them
					headers: request.headers ? { ...request.headers } : undefined,
					qs: request.qs ? { ...request.qs } : undefined,
					timeout,
					ignoreHttpStatusErrors: false,
				},
				credentialOptions ?? (await renewalOptions(ctx, credentialType, expirableToken)),
			)) as T;
		} catch (error) {
			const failure = await readFailure(error);
			if (failure.status === undefined && failure.networkCode === undefined && raisedByN8n(error)) {
				// e.g. "no credential set", blocked URL: not a transport failure, keep n8n's own error
				throw error;
			}
			const retryAfterMs = parseRetryAfter(failure.headers['retry-after'], now());
			const cutByBudget =
				(requestedTimeout <= 0 || timeout < requestedTimeout) &&
				failure.status === undefined &&
				isTimeoutError(error);
			const decision: RetryDecision = cutByBudget
				? { retry: false, reason: 'time-budget' }
				: decideRetry(
						{
							attemptsMade,
							status: failure.status,
							retryAfterMs,
							transientNetworkError: failure.status === undefined && isRetryableNetworkError(error),
							replayable: isReplayable(request, retrySafe, failure.status),
							elapsedMs: now() - startedAt,
						},
						resolvedPolicy,
						random,
					);
			if (decision.retry && !signal?.aborted) {
				previous = { failure, retryAfterMs };
				await sleep(decision.delayMs);
				if (!signal?.aborted) continue;
			}
			// An attempt starved by the budget says less than the failure before it.
			const reported = cutByBudget && previous ? previous : { failure, retryAfterMs };
			const redactable = await collectSecrets(ctx, credentialType, request, secrets);
			throw toNodeApiError(ctx.getNode(), reported.failure, redactable, {
				attempts: attemptsMade,
				elapsedMs: now() - startedAt,
				giveUpReason: decision.retry ? undefined : decision.reason,
				retryAfterMs: reported.retryAfterMs,
				maxAttempts: resolvedPolicy.maxAttempts,
				maxTotalMs: resolvedPolicy.maxTotalMs,
				timeoutMs: timeout,
			});
		}
	}
}

const N8N_PRE_REQUEST_ERRORS = ['NodeOperationError', 'ApplicationError', 'UserError'];

/**
 * n8n raised it before any request was sent (n8n 2.x wraps it in a NodeApiError `cause`), or a
 * credential did, as a UserError (e.g. its `preAuthentication` refusing a login): a problem for
 * the user to fix, not a transport failure. UserError has no `name` of its own, hence instanceof.
 */
function raisedByN8n(error: unknown): boolean {
	return errorChain(error).some(
		(link) =>
			link instanceof UserError ||
			(typeof link.name === 'string' && N8N_PRE_REQUEST_ERRORS.includes(link.name)),
	);
}

export interface CloudPagination<TResponse = any> {
	/**
	 * Dot path to the item array inside the response body ("data.items"); empty or omitted
	 * when the body itself is the array. With `returnFullResponse` it is read from `.body`.
	 */
	itemsPath?: string;
	/**
	 * The changes for the next page's request, or undefined when this was the last page.
	 * Merged shallowly into the previous request, so spread `previous.qs` to keep its query.
	 */
	nextPage: (response: TResponse, previous: CloudRequest) => Partial<CloudRequest> | undefined;
	/** Stop once this many items were collected (cloudRequestAllItems). */
	limit?: number;
}

export interface CloudPage<TItem, TResponse = any> {
	items: TItem[];
	response: TResponse;
	pageIndex: number;
}

function readPath(value: unknown, path: string | undefined): unknown {
	if (!path) return value;
	let current = value;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function itemsOf<TItem>(response: unknown, request: CloudRequest, itemsPath?: string): TItem[] {
	const body = request.returnFullResponse ? (response as { body?: unknown })?.body : response;
	const found = readPath(body, itemsPath);
	if (found === undefined || found === null) return [];
	return (Array.isArray(found) ? found : [found]) as TItem[];
}

function requestKey(request: CloudRequest): string {
	return JSON.stringify([request.method, request.baseURL, request.url, request.qs, request.body]);
}

/**
 * The one pagination loop: yields each page (every request goes through cloudRequest and its
 * retries) until `nextPage` returns undefined or would repeat the previous request.
 */
export async function* cloudRequestPages<TItem = any, TResponse = any>(
	ctx: CloudRequestContext,
	credentialType: string,
	options: CloudRequest,
	pagination: CloudPagination<TResponse>,
	policy?: Partial<RetryPolicy>,
	deps?: CloudRequestDeps,
): AsyncGenerator<CloudPage<TItem, TResponse>, void, undefined> {
	let request: CloudRequest | undefined = options;
	for (let pageIndex = 0; request; pageIndex++) {
		const response = await cloudRequest<TResponse>(ctx, credentialType, request, policy, deps);
		yield { items: itemsOf<TItem>(response, request, pagination.itemsPath), response, pageIndex };
		const changes = pagination.nextPage(response, request);
		const next: CloudRequest | undefined = changes ? { ...request, ...changes } : undefined;
		// A service handing back the same cursor would otherwise loop forever.
		request = next && requestKey(next) !== requestKey(request) ? next : undefined;
	}
}

/** Collects the items of every page, stopping (without fetching further pages) at `limit`. */
export async function cloudRequestAllItems<TItem = any, TResponse = any>(
	ctx: CloudRequestContext,
	credentialType: string,
	options: CloudRequest,
	pagination: CloudPagination<TResponse>,
	policy?: Partial<RetryPolicy>,
	deps?: CloudRequestDeps,
): Promise<TItem[]> {
	const limit = pagination.limit;
	const collected: TItem[] = [];
	if (limit !== undefined && limit <= 0) return collected;
	for await (const page of cloudRequestPages<TItem, TResponse>(
		ctx,
		credentialType,
		options,
		pagination,
		policy,
		deps,
	)) {
		collected.push(...page.items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
	}
	return collected;
}
