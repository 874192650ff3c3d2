import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	cloudRequest,
	cloudRequestAllItems,
	isRetryableStatus,
	secretsFromCredential,
	type CloudRequest,
	type RetryPolicy,
} from '../shared/transport';
import { toCodaError, type CodaResourceKind } from './errors';

/**
 * The Coda node's thin layer over the shared transport: URLs from the credential's base URL,
 * Coda's `pageToken` pagination, Coda-specific error messages, and the wait for queued writes
 * (`/mutationStatus`). Every request goes through `cloudRequest` and its retry policy.
 */

export const CODA_CREDENTIAL = 'cloudPackCodaApi';
export const DEFAULT_BASE_URL = 'https://coda.io/apis/v1';

/**
 * Coda allows 10 writes per 6 s (5 per 10 s for page content) and 100 reads per 6 s per user. A
 * write queued behind others can meet several 429s in a row, each with its Retry-After: more
 * attempts and a longer budget than the shared defaults, the same backoff rules.
 */
export const CODA_RETRY_POLICY: Partial<RetryPolicy> = { maxAttempts: 12, maxTotalMs: 300_000 };

/** The largest page Coda serves (rows, page content); the spec caps columns at 100 per page. */
export const CODA_MAX_PAGE_SIZE = 500;
export const CODA_MAX_COLUMN_PAGE_SIZE = 100;

export type CodaContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Which node parameter each id in a path came from, so a 404 or 410 can name it. */
export type CodaParameters = Partial<Record<CodaResourceKind, string>>;

export interface CodaCall {
	method?: IHttpRequestMethods;
	/** Path below the base URL, built with {@link codaPath}; or an absolute URL on the same origin. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * How a failed POST/PATCH may be sent again. 'always': the write is idempotent (upsert on key
	 * columns, rename). 'afterRateLimit': only after a 429, which Coda answers before doing
	 * anything; a 5xx or a reset may come after the write was applied, so it is not repeated.
	 * GET, PUT and DELETE are always retried.
	 */
	replay?: 'always' | 'afterRateLimit';
	parameters?: CodaParameters;
	encoding?: IHttpRequestOptions['encoding'];
	returnFullResponse?: boolean;
}

/** Builds a path with every interpolated value URL-encoded: codaPath`/docs/${docId}`. */
export function codaPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
	return strings.reduce(
		(path, part, index) =>
			path + part + (index < values.length ? encodeURIComponent(String(values[index])) : ''),
		'',
	);
}

export async function codaBaseUrl(ctx: CodaContext): Promise<string> {
	const credentials = await ctx.getCredentials(CODA_CREDENTIAL);
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Coda credential's Base URL "${raw}" is not a URL`,
			{
				description: `Set it to ${DEFAULT_BASE_URL}`,
			},
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Coda credential's Base URL must start with https://`,
		);
	}
	return raw.replace(/\/+$/, '');
}

async function tokenSecrets(ctx: CodaContext): Promise<string[]> {
	try {
		return secretsFromCredential(await ctx.getCredentials(CODA_CREDENTIAL));
	} catch {
		return [];
	}
}

async function mapFailure(ctx: CodaContext, error: unknown, call: CodaCall): Promise<Error> {
	if (!(error instanceof NodeApiError)) return error as Error;
	// The transport keeps Coda's (redacted) error body: its per-field validation messages.
	return toCodaError(error, error.context.providerBody, call.parameters, await tokenSecrets(ctx), {
		notRetried:
			call.replay === 'afterRateLimit' && isRetryableStatus(Number(error.httpCode))
				? 'Not retried: Coda may already have applied this write, and sending it again could apply it twice.'
				: undefined,
	});
}

async function toRequest(ctx: CodaContext, call: CodaCall): Promise<CloudRequest> {
	const base = await codaBaseUrl(ctx);
	let url: string;
	if (/^https?:\/\//i.test(call.path)) {
		// Links Coda hands back (export downloads): the token only ever goes to Coda's own origin.
		if (new URL(call.path).origin !== new URL(base).origin) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Coda returned a link on another host (${new URL(call.path).host})`,
				{
					description: 'It was not followed, so that the API token is sent to the Coda API only.',
				},
			);
		}
		url = call.path;
	} else {
		url = `${base}${call.path}`;
	}
	const method = call.method ?? 'GET';
	return {
		method,
		url,
		qs: call.qs,
		body: call.body,
		json: call.encoding === undefined,
		encoding: call.encoding,
		returnFullResponse: call.returnFullResponse,
		// A 429 is always retried by the transport; 'always' also allows retries after a 5xx or reset.
		retrySafe: call.replay === 'always',
		sendCredentialsOnCrossOriginRedirect: false,
	};
}

/** One Coda API request. */
export async function codaRequest<T = any>(ctx: CodaContext, call: CodaCall): Promise<T> {
	const request = await toRequest(ctx, call);
	try {
		return await cloudRequest<T>(ctx, CODA_CREDENTIAL, request, CODA_RETRY_POLICY);
	} catch (error) {
		throw await mapFailure(ctx, error, call);
	}
}

interface CodaListResponse {
	items?: unknown[];
	nextPageToken?: string;
}

/**
 * The items of a Coda list, following `nextPageToken` until `limit` items (or all of them, when
 * `limit` is undefined). Pages are as large as Coda allows, or as small as the limit needs.
 */
export async function codaRequestAllItems<T = IDataObject>(
	ctx: CodaContext,
	call: CodaCall,
	limit?: number,
	maxPageSize = CODA_MAX_PAGE_SIZE,
): Promise<T[]> {
	const request = await toRequest(ctx, {
		...call,
		qs: { ...call.qs, limit: Math.min(limit ?? maxPageSize, maxPageSize) },
	});
	try {
		return await cloudRequestAllItems<T, CodaListResponse>(
			ctx,
			CODA_CREDENTIAL,
			request,
			{
				itemsPath: 'items',
				limit,
				nextPage: (response, previous) =>
					response?.nextPageToken
						? { qs: { ...previous.qs, pageToken: response.nextPageToken } }
						: undefined,
			},
			CODA_RETRY_POLICY,
		);
	} catch (error) {
		throw await mapFailure(ctx, error, call);
	}
}

/** One page of a Coda list (for pickers, which page on demand). */
export async function codaRequestPage<T = IDataObject>(
	ctx: CodaContext,
	call: CodaCall,
	pageToken: string | undefined,
	pageSize: number,
): Promise<{ items: T[]; nextPageToken?: string }> {
	const response = await codaRequest<{ items?: T[]; nextPageToken?: string }>(ctx, {
		...call,
		qs: { ...call.qs, limit: pageSize, ...(pageToken ? { pageToken } : {}) },
	});
	return { items: response?.items ?? [], nextPageToken: response?.nextPageToken || undefined };
}

export interface MutationStatus {
	requestId: string;
	completed: boolean;
	warning?: string;
}

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 60;

export async function pause(ms: number): Promise<void> {
	await sleep(ms);
}

/**
 * Waits until Coda has applied a queued write: polls `/mutationStatus/{requestId}` (a read,
 * through the shared transport) with a growing interval, up to `timeoutSeconds`.
 */
export async function waitForMutation(
	ctx: IExecuteFunctions,
	requestId: string,
	timeoutSeconds = DEFAULT_WAIT_TIMEOUT_SECONDS,
	itemIndex?: number,
): Promise<MutationStatus> {
	const deadline = Date.now() + timeoutSeconds * 1000;
	let delay = 200;
	for (;;) {
		const status = await codaRequest<{ completed: boolean; warning?: string }>(ctx, {
			path: codaPath`/mutationStatus/${requestId}`,
		});
		if (status.completed)
			return { requestId, completed: true, ...(status.warning ? { warning: status.warning } : {}) };
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Coda had not applied the change after ${timeoutSeconds} s (request ID ${requestId})`,
				{
					itemIndex,
					description:
						'The change is queued and may still be applied. Check it later with the operation "Mutation Status → Get", or raise "Wait Timeout (Seconds)".',
				},
			);
		}
		await pause(Math.min(delay, remaining));
		delay = Math.min(delay * 2, 3000);
	}
}
