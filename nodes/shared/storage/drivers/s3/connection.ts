import type { S3Client } from '@aws-sdk/client-s3';
import { sleep } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../transport/retryPolicy';
import { policyRetryStrategy } from './client';
import { secretsOf, type S3ConnectionConfig } from './config';
import { mapS3Error, type S3ErrorContext } from './errors';

/** S3's names for "slow down" and "took too long" (what the SDK's retry calls throttling and transient). */
const THROTTLING_NAMES = [
	'SlowDown',
	'Throttling',
	'ThrottlingException',
	'TooManyRequestsException',
];
const TRANSIENT_NAMES = ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'];
const NETWORK_FAILURE = /socket hang up|ECONNRESET|EPIPE|ETIMEDOUT|ECONNREFUSED/;

/** How the SDK's retry would class a failure, from the error or the SDK's wrapper of it. */
function sdkErrorType(error: unknown): string {
	const { name, message, $retryable } = (error ?? {}) as {
		name?: string;
		message?: string;
		$retryable?: { throttling?: boolean };
	};
	// What is not an Error of this realm, the SDK wraps; the wrapper's text still names it.
	const named =
		name && name !== 'Error' ? name : /^AWS SDK error wrapper for (\w+)/.exec(message ?? '')?.[1];
	if ($retryable?.throttling || THROTTLING_NAMES.includes(named ?? '')) return 'THROTTLING';
	if ($retryable || TRANSIENT_NAMES.includes(named ?? '') || NETWORK_FAILURE.test(message ?? ''))
		return 'TRANSIENT';
	return 'CLIENT_ERROR';
}

/**
 * One S3 client and what every operation needs beside it: the endpoint, the secrets to keep
 * out of errors and the retry policy. The operations (buckets.ts, objects.ts, upload.ts,
 * copy.ts, delete.ts, multipart.ts, presign.ts) take it as their first argument; S3Service
 * gathers them.
 */
export class S3Connection {
	private readonly secrets: string[];

	constructor(
		readonly client: S3Client,
		readonly config: S3ConnectionConfig,
		readonly policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY },
	) {
		this.secrets = secretsOf(config);
	}

	/** Closes the client's sockets. */
	destroy(): void {
		this.client.destroy();
	}

	/** What a call is about, for its error message. */
	context(operation: string, bucket?: string, key?: string): S3ErrorContext {
		return { operation, bucket, key, endpoint: this.config.endpoint, secrets: this.secrets };
	}

	/** Sends a command; whatever fails comes out as a typed storage error without secrets. */
	async send<T>(command: unknown, context: S3ErrorContext): Promise<T> {
		try {
			return (await this.client.send(command as never)) as T;
		} catch (error) {
			throw mapS3Error(error, context);
		}
	}

	/**
	 * Sends a command built anew for each attempt, for a body that is a stream: the SDK never
	 * sends a stream twice, so the retries happen here, under the same policy as the SDK's.
	 */
	async sendBuiltEachAttempt<T>(build: () => unknown, context: S3ErrorContext): Promise<T> {
		const strategy = policyRetryStrategy(this.policy);
		let token = await strategy.acquireInitialRetryToken();
		for (;;) {
			try {
				return (await this.client.send(build() as never)) as T;
			} catch (error) {
				try {
					token = await strategy.refreshRetryTokenForRetry(token, {
						error,
						errorType: sdkErrorType(error),
					});
				} catch {
					throw mapS3Error(error, context);
				}
				await sleep(token.getRetryDelay());
			}
		}
	}
}
