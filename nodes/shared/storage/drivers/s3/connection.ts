import type { S3Client } from '@aws-sdk/client-s3';

import { secretsOf, type S3ConnectionConfig } from './config';
import { mapS3Error, type S3ErrorContext } from './errors';

/**
 * One S3 client and what every operation needs beside it: the endpoint and the secrets to
 * keep out of errors. The operations (buckets.ts, objects.ts, upload.ts, copy.ts, delete.ts,
 * multipart.ts, presign.ts) take it as their first argument; S3Service gathers them.
 */
export class S3Connection {
	private readonly secrets: string[];

	constructor(
		readonly client: S3Client,
		readonly config: S3ConnectionConfig,
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
}
