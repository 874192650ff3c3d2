import { ObjectNotFoundError, StorageError } from '../../errors';
import type { S3Connection } from './connection';
import {
	assertBucketExists,
	EXISTENCE_CHECK_CONCURRENCY,
	listedKeys,
	objectExists,
} from './existence';
import { pool } from '../../pool';
import { loadS3 } from './sdk';

/** DeleteObjects takes at most this many keys per request. */
export const DELETE_BATCH_SIZE = 1000;

export interface DeleteResult {
	key: string;
	deleted: boolean;
	versionId?: string;
	error?: string;
}

/**
 * Deletes an object (or one version of it) that exists; ObjectNotFoundError when there is
 * none, and nothing is sent to delete it.
 */
export async function deleteObject(
	s3: S3Connection,
	bucket: string,
	key: string,
	versionId?: string,
): Promise<void> {
	if (!(await objectExists(s3, bucket, key, versionId))) {
		await assertBucketExists(s3, bucket);
		throw new ObjectNotFoundError(bucket, key);
	}
	const { DeleteObjectCommand } = await loadS3();
	await s3.send(
		new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId || undefined }),
		s3.context('DeleteObject', bucket, key),
	);
}

/**
 * Deletes the keys that exist and reports every key: `deleted: true` only for an object that
 * existed and is gone; a missing key gets `deleted: false` and the "does not exist" error, as
 * on every other backend, and nothing is sent to delete it. A key S3 refused to check
 * (access denied) is reported, not sent. How existence is told: see ./existence.ts.
 */
export async function deleteObjects(
	s3: S3Connection,
	bucket: string,
	keys: string[],
): Promise<DeleteResult[]> {
	const listed = await listedKeys(s3, bucket, keys);
	const checked = await pool(keys, EXISTENCE_CHECK_CONCURRENCY, async (key) => {
		try {
			if (listed.has(key) || (await objectExists(s3, bucket, key))) return undefined;
			return new ObjectNotFoundError(bucket, key);
		} catch (error) {
			// Per-key refusals are reported; failures of the whole service (network) stop.
			if (error instanceof StorageError && error.code !== 'ContainerNotFound') return error;
			throw error;
		}
	});
	if (checked.some((problem) => problem?.code === 'ObjectNotFound'))
		await assertBucketExists(s3, bucket);
	const existing = [...new Set(keys.filter((_, index) => !checked[index]))];
	const results = new Map((await deleteBatch(s3, bucket, existing)).map((r) => [r.key, r]));
	return keys.map(
		(key, index) =>
			results.get(key) ?? { key, deleted: false, error: checked[index]?.message ?? '' },
	);
}

/**
 * DeleteObjects in batches of 1,000, sent as they are (for keys known to exist, such as a
 * listing's); every key gets a result, failures included.
 */
export async function deleteBatch(
	s3: S3Connection,
	bucket: string,
	keys: string[],
): Promise<DeleteResult[]> {
	const { DeleteObjectsCommand } = await loadS3();
	const results: DeleteResult[] = [];
	for (let offset = 0; offset < keys.length; offset += DELETE_BATCH_SIZE) {
		const batch = keys.slice(offset, offset + DELETE_BATCH_SIZE);
		const answer = await s3.send<{
			Deleted?: Array<{ Key?: string; VersionId?: string }>;
			Errors?: Array<{ Key?: string; Code?: string; Message?: string }>;
		}>(
			new DeleteObjectsCommand({
				Bucket: bucket,
				Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false },
			}),
			s3.context('DeleteObjects', bucket),
		);
		const deleted = new Map((answer.Deleted ?? []).map((entry) => [entry.Key, entry]));
		const errors = new Map((answer.Errors ?? []).map((entry) => [entry.Key, entry]));
		for (const key of batch) {
			const error = errors.get(key);
			if (error)
				results.push({
					key,
					deleted: false,
					error: `${error.Code ?? 'Error'}: ${error.Message ?? 'not deleted'}`,
				});
			else if (deleted.has(key))
				results.push({
					key,
					deleted: true,
					...(deleted.get(key)?.VersionId ? { versionId: deleted.get(key)!.VersionId } : {}),
				});
			else results.push({ key, deleted: false, error: 'The server did not report this key' });
		}
	}
	return results;
}
