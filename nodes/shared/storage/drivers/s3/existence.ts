/**
 * Which objects exist, for truthful deletes. S3 answers DeleteObject and DeleteObjects the
 * same whether or not a key existed (a versioned bucket even adds a delete marker for a key
 * that never was), so a delete alone cannot say what it deleted: the pack asks first and
 * deletes only what exists.
 *
 * Measured on 1,000 keys against Swift's s3api (bench/s3Deletes.ts; figures in the README):
 * one HeadObject per key doubles a Delete Many's time, while one listing of the keys' range
 * costs about a twentieth of that when the keys lie side by side (a folder, keys from a
 * listing). So a Delete Many first lists the keys' range (at most one page per 1,000 keys,
 * plus one), and asks HeadObject only about the keys the listing did not show: a listing may
 * lag behind a write, HeadObject does not, so no key is called missing on a listing's word.
 */
import { StorageError } from '../../errors';
import type { S3Connection } from './connection';
import { S3RequestError } from './errors';
import { headObject, listObjectsPage, MAX_LIST_PAGE } from './objects';
import { loadS3 } from './sdk';

/** HeadObject requests in flight at once while Delete Many checks the keys a listing did not show. */
export const EXISTENCE_CHECK_CONCURRENCY = 16;

/** Whether the object (or that version of it) exists, by HeadObject; other failures are thrown. */
export async function objectExists(
	s3: S3Connection,
	bucket: string,
	key: string,
	versionId?: string,
): Promise<boolean> {
	try {
		await headObject(s3, bucket, key, versionId);
		return true;
	} catch (error) {
		if (error instanceof StorageError && error.code === 'ObjectNotFound') return false;
		// A version that is a delete marker cannot be read (405), but it exists and can be deleted.
		if (versionId && error instanceof S3RequestError && error.status === 405) return true;
		throw error;
	}
}

/** HeadObject answers 404 for a missing bucket too: ContainerNotFoundError when it is the bucket. */
export async function assertBucketExists(s3: S3Connection, bucket: string): Promise<void> {
	const { HeadBucketCommand } = await loadS3();
	await s3.send(new HeadBucketCommand({ Bucket: bucket }), s3.context('HeadBucket', bucket));
}

/** S3 orders keys by their UTF-8 bytes. */
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function commonPrefix(a: string[], b: string[]): string {
	let length = 0;
	while (length < a.length && length < b.length && a[length] === b[length]) length++;
	return a.slice(0, length).join('');
}

/**
 * Those of `keys` that a listing of their range shows (so they exist, or did a moment ago).
 * Lists from the smallest key under the keys' common prefix, at most one page per 1,000
 * keys plus one; keys not shown are for HeadObject to decide. A listing the credential may
 * not make (access denied) shows nothing; a missing bucket is thrown.
 */
export async function listedKeys(
	s3: S3Connection,
	bucket: string,
	keys: string[],
): Promise<Set<string>> {
	const listed = new Set<string>();
	if (keys.length === 0) return listed;
	const sorted = [...new Set(keys)].sort(utf8Order);
	const first = Array.from(sorted[0]);
	const last = sorted[sorted.length - 1];
	const prefix = commonPrefix(first, Array.from(last));
	const maxPages = Math.ceil(sorted.length / MAX_LIST_PAGE) + 1;
	let token: string | undefined;
	try {
		for (let pages = 0; pages < maxPages; pages++) {
			const page = await listObjectsPage(s3, bucket, {
				prefix,
				// Keys after the first key's parent: the first key itself is included.
				startAfter: first.length > 1 ? first.slice(0, -1).join('') : undefined,
				continuationToken: token,
			});
			for (const object of page.objects) listed.add(object.key);
			const lastListed = page.objects[page.objects.length - 1]?.key;
			token = page.nextContinuationToken;
			if (!token || (lastListed !== undefined && utf8Order(lastListed, last) >= 0)) break;
		}
	} catch (error) {
		if (error instanceof StorageError && error.code === 'Auth') return listed;
		throw error;
	}
	return listed;
}
