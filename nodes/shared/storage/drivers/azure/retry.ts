/**
 * The pack's one retry policy (transport/retryPolicy.ts) as an Azure core-rest-pipeline policy.
 *
 * The SDK's own `storageRetryPolicy` retries 500/503 and some network errors only: it ignores
 * 429, 502, 504 and the Retry-After header. This policy replaces it in the "Retry" phase of the
 * client's pipeline, so it wraps signing (each attempt is signed afresh, with a new date) and the
 * HTTP client, and sits below deserialization (so a final error answer still becomes the SDK's
 * RestError, which toAzureError maps).
 *
 * Only types are imported from the SDK: the SDK itself stays lazily loaded.
 */
import type {
	PipelinePolicy,
	PipelineRequest,
	PipelineResponse,
	SendRequest,
} from '@azure/core-rest-pipeline';

import {
	decideRetry,
	isRetryableNetworkError,
	parseRetryAfter,
	type RetryPolicy,
} from '../../../transport/retryPolicy';
import { waitUnlessAborted } from '../../../transport/wait';

export const CLOUD_PACK_RETRY_POLICY_NAME = 'cloudPackRetryPolicy';

/**
 * Whether a request body can be sent again. Data held in memory (strings, buffers, blobs) and
 * stream factories (a function the HTTP client calls for a fresh stream on every attempt) can;
 * a plain stream (Node Readable, web ReadableStream) or FormData is consumed by the first try.
 */
export function isReplayableBody(body: unknown): boolean {
	if (body === undefined || body === null) return true;
	if (typeof body === 'string' || typeof body === 'function') return true;
	if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return true; // Buffer is a view
	if (typeof Blob !== 'undefined' && body instanceof Blob) return true;
	return false;
}

export function isReplayableRequest(
	request: Pick<PipelineRequest, 'body' | 'multipartBody'>,
): boolean {
	if (!isReplayableBody(request.body)) return false;
	return (request.multipartBody?.parts ?? []).every((part) => isReplayableBody(part.body));
}

function abortError(): Error {
	// Named like the SDK's AbortError, which toAzureError passes through untouched.
	const error = new Error('The operation was aborted.');
	error.name = 'AbortError';
	return error;
}

/** Waits `ms`, or rejects as soon as the caller aborts the request. */
export async function waitFor(ms: number, signal?: PipelineRequest['abortSignal']): Promise<void> {
	if (!(await waitUnlessAborted(ms, signal))) throw abortError();
}

/**
 * How long the service asked us to wait: Azure Storage's own `x-ms-retry-after-ms` (milliseconds)
 * when present, else the standard `Retry-After` (seconds or an HTTP date).
 */
export function retryAfterOf(response: Pick<PipelineResponse, 'headers'>): number | undefined {
	const ms = response.headers.get('x-ms-retry-after-ms');
	if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms.trim());
	return parseRetryAfter(response.headers.get('retry-after'));
}

/** A response we give up on is still read by the SDK; one we retry past must free its socket. */
function discard(response: PipelineResponse): void {
	(response.readableStreamBody as { destroy?: () => void } | undefined)?.destroy?.();
}

/**
 * Every Azure Blob request goes through here. The method is not checked: all Blob operations are
 * PUT/GET/HEAD/DELETE except POST batch and query, which are safe to resend too (the SDK's own
 * policy retried every method as well). Only the body decides whether a resend is possible.
 */
export function cloudPackRetryPolicy(policy: RetryPolicy): PipelinePolicy {
	return {
		name: CLOUD_PACK_RETRY_POLICY_NAME,
		async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
			const startedAt = Date.now();
			const replayable = isReplayableRequest(request);
			for (let attemptsMade = 1; ; attemptsMade++) {
				let response: PipelineResponse;
				try {
					response = await next(request);
				} catch (error) {
					// The caller's own abort is final; so is anything that is not a transient network failure.
					if (request.abortSignal?.aborted) throw error;
					const decision = decideRetry(
						{
							attemptsMade,
							transientNetworkError: isRetryableNetworkError(error),
							replayable,
							elapsedMs: Date.now() - startedAt,
						},
						policy,
					);
					if (!decision.retry) throw error;
					await waitFor(decision.delayMs, request.abortSignal);
					continue;
				}
				const decision = decideRetry(
					{
						attemptsMade,
						status: response.status,
						retryAfterMs: retryAfterOf(response),
						transientNetworkError: false,
						replayable,
						elapsedMs: Date.now() - startedAt,
					},
					policy,
				);
				// Success, a final error answer, or out of attempts/time: the SDK parses the answer.
				if (!decision.retry) return response;
				discard(response);
				await waitFor(decision.delayMs, request.abortSignal);
			}
		},
	};
}

/** The SDK internal that holds a client's core pipeline (checked at runtime; it is not public API). */
interface CorePipelineLike {
	removePolicy(options: { name?: string; phase?: string }): unknown;
	addPolicy(policy: PipelinePolicy, options?: { phase?: string }): void;
}

/**
 * Swaps the SDK's retry for the pack's in the core pipeline of `service`. In @azure/storage-blob
 * 12.x that pipeline is built once per `Pipeline` object (cached as `_corePipeline`) and reused by
 * every client derived from the service (getContainerClient, getBlobClient, …), so this one swap
 * covers them all. A missing internal means the SDK changed: fail loudly rather than run unretried.
 */
export function installRetryPolicy(service: object, policy: RetryPolicy): void {
	const corePipeline = (
		service as { storageClientContext?: { pipeline?: Partial<CorePipelineLike> } }
	).storageClientContext?.pipeline;
	if (
		typeof corePipeline?.removePolicy !== 'function' ||
		typeof corePipeline.addPolicy !== 'function'
	) {
		throw new Error(
			'The installed @azure/storage-blob no longer exposes its request pipeline (storageClientContext.pipeline); the Azure retry policy cannot be installed',
		);
	}
	corePipeline.removePolicy({ phase: 'Retry' });
	corePipeline.addPolicy(cloudPackRetryPolicy(policy), { phase: 'Retry' });
}
