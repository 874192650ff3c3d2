import type { S3Connection } from './connection';
import { loadS3 } from './sdk';

/** DeleteObjects takes at most this many keys per request. */
export const DELETE_BATCH_SIZE = 1000;

export interface DeleteResult {
	key: string;
	deleted: boolean;
	versionId?: string;
	error?: string;
}

/** DeleteObject. S3 answers the same whether or not the key existed. */
export async function deleteObject(
	s3: S3Connection,
	bucket: string,
	key: string,
	versionId?: string,
): Promise<void> {
	const { DeleteObjectCommand } = await loadS3();
	await s3.send(
		new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId || undefined }),
		s3.context('DeleteObject', bucket, key),
	);
}

/** DeleteObjects in batches of 1,000; every key gets a result, failures included. */
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
