import type { ContainerInfo } from '../../driver';
import { StorageError } from '../../errors';
import { followPages } from '../../pages';
import type { S3Connection } from './connection';
import { DELETE_BATCH_SIZE, deleteBatch } from './delete';
import { abortMultipartUpload, listMultipartUploads } from './multipart';
import { listObjects } from './objects';
import { loadS3 } from './sdk';
import { iso } from './shapes';

export async function listBuckets(s3: S3Connection): Promise<ContainerInfo[]> {
	const { ListBucketsCommand } = await loadS3();
	return await followPages(async (_pageSize, token) => {
		const page = await s3.send<{
			Buckets?: Array<{ Name?: string; CreationDate?: Date; BucketRegion?: string }>;
			ContinuationToken?: string;
		}>(new ListBucketsCommand({ ContinuationToken: token }), s3.context('ListBuckets'));
		const entries = (page.Buckets ?? []).flatMap((bucket) =>
			bucket.Name
				? [
						{
							name: bucket.Name,
							createdAt: iso(bucket.CreationDate),
							...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}),
						},
					]
				: [],
		);
		return { entries, nextPageToken: page.ContinuationToken };
	});
}

/** CreateBucket in `region` (the credential's by default); with `ifNotExists`, an existing bucket of yours is success. */
export async function createBucket(
	s3: S3Connection,
	name: string,
	options: { region?: string; ifNotExists?: boolean; acl?: string } = {},
): Promise<{ created: boolean; container: ContainerInfo }> {
	const { CreateBucketCommand } = await loadS3();
	const region = options.region || s3.config.region;
	try {
		await s3.send(
			new CreateBucketCommand({
				Bucket: name,
				ACL: (options.acl || undefined) as never,
				// us-east-1 is S3's default location and must not be named.
				CreateBucketConfiguration:
					region && region !== 'us-east-1' ? { LocationConstraint: region as never } : undefined,
			}),
			s3.context('CreateBucket', name),
		);
		return { created: true, container: { name, region } };
	} catch (error) {
		if (
			!(error instanceof StorageError) ||
			error.code !== 'ContainerAlreadyExists' ||
			!options.ifNotExists
		)
			throw error;
		// "Already exists" may also mean someone else's bucket: only one we can reach counts.
		const existing = await getBucket(s3, name);
		return { created: false, container: existing };
	}
}

/** HeadBucket: the bucket and its region; ContainerNotFoundError when it does not exist. */
export async function getBucket(s3: S3Connection, name: string): Promise<ContainerInfo> {
	const { HeadBucketCommand } = await loadS3();
	const head = await s3.send<{ BucketRegion?: string }>(
		new HeadBucketCommand({ Bucket: name }),
		s3.context('HeadBucket', name),
	);
	return {
		name,
		region: head.BucketRegion ?? (await getBucketRegion(s3, name).catch(() => undefined)),
	};
}

/** The seed's bucket_exists: true, false, or true with `accessible: false` for someone else's bucket. */
export async function bucketExists(
	s3: S3Connection,
	name: string,
): Promise<{ bucket: string; exists: boolean; accessible: boolean }> {
	try {
		await getBucket(s3, name);
		return { bucket: name, exists: true, accessible: true };
	} catch (error) {
		if (error instanceof StorageError && error.code === 'ContainerNotFound')
			return { bucket: name, exists: false, accessible: false };
		if (
			error instanceof StorageError &&
			error.code === 'Auth' &&
			/denied access/.test(error.message)
		) {
			return { bucket: name, exists: true, accessible: false };
		}
		throw error;
	}
}

export async function getBucketRegion(s3: S3Connection, name: string): Promise<string> {
	const { GetBucketLocationCommand } = await loadS3();
	const answer = await s3.send<{ LocationConstraint?: string }>(
		new GetBucketLocationCommand({ Bucket: name }),
		s3.context('GetBucketLocation', name),
	);
	const location = answer.LocationConstraint || 'us-east-1';
	// S3's legacy name for Ireland.
	return location === 'EU' ? 'eu-west-1' : location;
}

/** DeleteBucket; with `force`, every object and unfinished multipart upload goes first. */
export async function deleteBucket(
	s3: S3Connection,
	name: string,
	options: { force?: boolean } = {},
): Promise<{ deletedObjects: number }> {
	const { DeleteBucketCommand } = await loadS3();
	let deletedObjects = 0;
	if (options.force) {
		for (const upload of await listMultipartUploads(s3, name))
			await abortMultipartUpload(s3, name, upload.key, upload.uploadId);
		// Deleted as listed, a batch at a time (a continuation token is a position in key order).
		let batch: string[] = [];
		const deleteListed = async () => {
			const results = await deleteBatch(s3, name, batch);
			batch = [];
			const failed = results.find((result) => !result.deleted);
			if (failed)
				throw new StorageError(
					'ContainerNotEmpty',
					`Could not empty bucket "${name}": "${failed.key}": ${failed.error}`,
					'container',
				);
			deletedObjects += results.length;
		};
		for await (const entry of listObjects(s3, name)) {
			if (entry.type === 'object') batch.push(entry.key);
			if (batch.length === DELETE_BATCH_SIZE) await deleteListed();
		}
		if (batch.length > 0) await deleteListed();
	}
	await s3.send(new DeleteBucketCommand({ Bucket: name }), s3.context('DeleteBucket', name));
	return { deletedObjects };
}
