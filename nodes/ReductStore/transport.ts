import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { Readable } from 'stream';

import { cloudRequest, type CloudRequestContext } from '../shared/transport';
import { endpointProblem } from '../shared/transport/endpoint';

/**
 * The ReductStore node's thin layer over the shared transport: URLs below the credential's
 * server URL + `/api/v1`, the credential's TLS choice, and response headers (labels, batch
 * metadata) in one normalised shape. Every request goes through `cloudRequest`, whose error
 * mapping reads the server's `x-reduct-error` header.
 */

export const REDUCT_CREDENTIAL = 'cloudPackReductStoreApi';

export interface ReductCall {
	method?: IHttpRequestMethods;
	/** Path below /api/v1, built with {@link bucketPath} / {@link entryPath}. */
	path: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** JSON object, raw bytes, text, or a stream (streams are sent once, never retried). */
	body?: IDataObject | Buffer | string | Readable;
	/** Let a POST be retried: only for requests the server treats idempotently. */
	retrySafe?: boolean;
}

export interface ReductResponse<T> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
}

async function serverUrl(ctx: CloudRequestContext): Promise<{ base: string; insecure: boolean }> {
	const credentials = await ctx.getCredentials(REDUCT_CREDENTIAL);
	const base = String(credentials.url ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api\/v1$/, '');
	const token = typeof credentials.apiToken === 'string' ? credentials.apiToken.trim() : '';
	const problem = endpointProblem(base, {
		label: 'The "Server URL" of the ReductStore credential',
		sendsSecret: token !== '',
	});
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, {
			description: 'Correct the ReductStore credential',
		});
	}
	return { base, insecure: credentials.allowUnauthorizedCerts === true };
}

function isJsonBody(body: ReductCall['body']): boolean {
	return (
		body !== undefined &&
		!Buffer.isBuffer(body) &&
		!(body instanceof Readable) &&
		typeof body === 'object'
	);
}

async function send<T>(ctx: CloudRequestContext, call: ReductCall, extra: IDataObject): Promise<T> {
	const { base, insecure } = await serverUrl(ctx);
	const headers = { ...(call.headers ?? {}) };
	if (
		isJsonBody(call.body) &&
		!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
	) {
		headers['Content-Type'] = 'application/json';
	}
	return await cloudRequest<T>(ctx, REDUCT_CREDENTIAL, {
		method: call.method ?? 'GET',
		url: `${base}/api/v1${call.path}`,
		qs: call.qs,
		headers,
		body: call.body as IDataObject, // the transport makes any stream sendable
		skipSslCertificateValidation: insecure,
		retrySafe: call.retrySafe,
		...extra,
	});
}

/** A request whose answer is JSON (or empty). */
export async function reductRequest<T = IDataObject>(
	ctx: CloudRequestContext,
	call: ReductCall,
): Promise<T> {
	const body = await send<unknown>(ctx, call, { json: true });
	return (body === '' || body === undefined ? {} : body) as T;
}

/** A request whose status and headers matter; `stream` leaves the body unread. */
export async function reductRequestFull<T = unknown>(
	ctx: CloudRequestContext,
	call: ReductCall,
	options: { stream?: boolean } = {},
): Promise<ReductResponse<T>> {
	const response = await send<{ statusCode: number; headers: unknown; body: T }>(ctx, call, {
		returnFullResponse: true,
		...(options.stream ? { encoding: 'stream' } : { json: true }),
	});
	return {
		statusCode: response.statusCode,
		headers: normaliseHeaders(response.headers),
		body: response.body,
	};
}

/** Header names lower-cased, values as strings (axios hands out AxiosHeaders instances). */
export function normaliseHeaders(headers: unknown): Record<string, string> {
	if (!headers || typeof headers !== 'object') return {};
	const source = headers as { toJSON?: () => unknown };
	const plain = (typeof source.toJSON === 'function' ? source.toJSON() : headers) as Record<
		string,
		unknown
	>;
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(plain ?? {})) {
		if (value === undefined || value === null || typeof value === 'function') continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

export function bucketPath(bucket: string): string {
	return `/b/${encodeURIComponent(bucket)}`;
}

/** Entry names may be paths (`robot/cam-1`): each segment is encoded on its own. */
export function entryPath(bucket: string, entry: string): string {
	return `${bucketPath(bucket)}/${entry.split('/').map(encodeURIComponent).join('/')}`;
}

/** True when the transport's error is an HTTP answer with this status. */
export function isHttpStatus(error: unknown, status: number): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === String(status);
}
