/** SDK handles for a bucket or an object (names checked first), and calls whose errors become typed ones. */
import type { Bucket, File } from '@google-cloud/storage';

import type { GcsClient } from './client';
import { toGcsError, type GcsErrorContext } from './errors';
import { assertBucketName, assertObjectName } from './names';

/** Runs an SDK call; what it throws comes out as a typed storage error. */
export async function gcsCall<T>(work: () => Promise<T>, context: GcsErrorContext): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toGcsError(error, context);
	}
}

export function bucketOf(client: GcsClient, name: string, parameter = 'container'): Bucket {
	assertBucketName(name, parameter);
	return client.storage.bucket(name);
}

export function fileOf(
	client: GcsClient,
	bucket: string,
	key: string,
	names: { bucket?: string; key?: string } = {},
): File {
	const handle = bucketOf(client, bucket, names.bucket);
	assertObjectName(key, names.key ?? 'key');
	return handle.file(key);
}

/** What a call about one object is about, for its errors, in the caller's parameter names. */
export function objectContext(
	client: GcsClient,
	bucket: string,
	key: string,
	names: { bucket?: string; key?: string } = {},
): GcsErrorContext {
	return {
		config: client.config,
		bucket,
		key,
		bucketParameter: names.bucket,
		keyParameter: names.key,
	};
}
