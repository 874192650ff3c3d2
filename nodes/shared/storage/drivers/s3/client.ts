import { createHash } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

import {
	DEFAULT_RETRY_POLICY,
	decideRetry,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	type RetryPolicy,
} from '../../../transport/retryPolicy';
import type { S3ConnectionConfig } from './config';
import { loadCredentialProviders, loadS3 } from './sdk';

/**
 * The SDK's retry, configured to the pack's one policy: exponential backoff with full
 * jitter, Retry-After honoured, 429/502/503/504 and transient network errors (plus what
 * the SDK itself classes as throttling or transient, such as S3's `SlowDown` and
 * `RequestTimeout`), bounded attempts and total time. Every request the S3 code sends
 * through the SDK's retry has a replayable body (buffers or nothing); the parts streamed
 * from a file are retried by S3Connection.sendBuiltEachAttempt with this same strategy.
 */
export function policyRetryStrategy(policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY }) {
	interface Token {
		startedAt: number;
		count: number;
		delay: number;
		getRetryCount(): number;
		getRetryDelay(): number;
	}
	const token = (startedAt: number, count: number, delay: number): Token => ({
		startedAt,
		count,
		delay,
		getRetryCount: () => count,
		getRetryDelay: () => delay,
	});
	return {
		mode: 'standard',
		async acquireInitialRetryToken() {
			return token(Date.now(), 0, 0);
		},
		async refreshRetryTokenForRetry(
			previous: { getRetryCount(): number },
			info: { error?: unknown; errorType: string; retryAfterHint?: Date },
		) {
			const current = previous as Token;
			const error = (info.error ?? {}) as {
				$metadata?: { httpStatusCode?: number };
				$response?: { headers?: Record<string, string> };
			};
			const status = error.$metadata?.httpStatusCode;
			const sdkTransient = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
			const retryAfterHeader = error.$response?.headers?.['retry-after'];
			const retryAfterMs =
				parseRetryAfter(retryAfterHeader) ??
				(info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - Date.now()) : undefined);
			const decision = decideRetry(
				{
					attemptsMade: current.count + 1,
					// A transient failure the SDK recognised keeps its status only where the policy knows it.
					status: sdkTransient && !isRetryableStatus(status) ? undefined : status,
					retryAfterMs,
					transientNetworkError:
						sdkTransient || (status === undefined && isRetryableNetworkError(info.error)),
					replayable: true,
					elapsedMs: Date.now() - current.startedAt,
				},
				policy,
			);
			if (!decision.retry) throw new Error(`not retried: ${decision.reason}`);
			return token(current.startedAt, current.count + 1, decision.delayMs);
		},
		recordSuccess() {},
	};
}

/**
 * Many S3-compatible stores (OpenStack Swift, older Ceph, …) refuse the CRC32 checksum
 * headers that current SDKs put on the operations where S3 requires a checksum
 * (DeleteObjects, PutObjectTagging, …) and insist on Content-MD5, which AWS accepts too.
 * This build-step middleware runs after the SDK's checksum middleware and swaps one for
 * the other on small, in-memory bodies.
 */
const contentMd5Middleware =
	(next: (args: any) => Promise<any>) =>
	async (args: { request: { headers?: Record<string, string>; body?: unknown } }) => {
		const request = args.request;
		const headers = request?.headers;
		if (headers && typeof headers === 'object') {
			const names = Object.keys(headers);
			const checksumHeaders = names.filter((name) => /^x-amz-checksum-/i.test(name));
			const body = request.body;
			const inMemory = typeof body === 'string' || body instanceof Uint8Array;
			const trailer = names.some((name) => name.toLowerCase() === 'x-amz-trailer');
			if (checksumHeaders.length > 0 && inMemory && !trailer) {
				if (!names.some((name) => name.toLowerCase() === 'content-md5')) {
					headers['content-md5'] = createHash('md5')
						.update(body as string | Uint8Array)
						.digest('base64');
				}
				for (const name of [
					...checksumHeaders,
					...names.filter((n) => n.toLowerCase() === 'x-amz-sdk-checksum-algorithm'),
				]) {
					delete headers[name];
				}
			}
		}
		return await next(args);
	};

/**
 * The SDK's default logger is silent but for one warning it prints on the console when a
 * request with a stream body fails (the pack retries those itself: S3Connection).
 */
const SILENT_LOGGER = {
	trace: () => undefined,
	debug: () => undefined,
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
};

export interface S3ClientOptions {
	policy?: RetryPolicy;
}

/** Builds the S3 client for a credential: checksums, retry, timeouts, TLS and addressing. */
export async function createS3Client(
	config: S3ConnectionConfig,
	options: S3ClientOptions = {},
): Promise<S3Client> {
	const { S3Client } = await loadS3();
	const policy = options.policy ?? { ...DEFAULT_RETRY_POLICY };
	const agentOptions = { keepAlive: true, maxSockets: 64 };
	let credentials: S3ClientConfig['credentials'];
	if (config.credentials) {
		credentials = { ...config.credentials };
	} else {
		const { fromNodeProviderChain } = await loadCredentialProviders();
		credentials = fromNodeProviderChain();
	}
	const client = new S3Client({
		region: config.region,
		endpoint: config.endpoint,
		forcePathStyle: config.forcePathStyle,
		credentials,
		// Only the checksums S3 demands: no aws-chunked uploads, no CRC32 the store cannot check.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		// Buckets in another region than the credential's answer with a redirect the SDK can follow.
		followRegionRedirects: config.provider === 'aws',
		maxAttempts: policy.maxAttempts,
		logger: SILENT_LOGGER,
		retryStrategy: policyRetryStrategy(policy) as S3ClientConfig['retryStrategy'],
		requestHandler: {
			httpAgent: new http.Agent(agentOptions),
			httpsAgent: new https.Agent({ ...agentOptions, rejectUnauthorized: config.verifyTls }),
			connectionTimeout: policy.connectTimeoutMs,
			// Idle, not total: a socket with no traffic for this long fails (a large transfer that
			// keeps moving does not). The handler's `requestTimeout` would only log a warning.
			socketTimeout: policy.idleTimeoutMs,
		},
	});
	client.middlewareStack.add(contentMd5Middleware as any, {
		step: 'build',
		priority: 'low',
		name: 'cloudPackContentMd5',
		override: true,
	});
	return client;
}
