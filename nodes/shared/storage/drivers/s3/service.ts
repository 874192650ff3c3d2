import type { Readable } from 'stream';

import type { ByteRange, ContainerInfo, DownloadOptions, UploadBody } from '../../driver';
import * as buckets from './buckets';
import { createS3Client, type S3ClientOptions } from './client';
import { readS3Config } from './config';
import { S3Connection } from './connection';
import * as copying from './copy';
import * as deleting from './delete';
import * as multipart from './multipart';
import * as objects from './objects';
import * as presigning from './presign';
import type { S3ObjectInfo, S3WriteOptions } from './shapes';
import * as uploading from './upload';

type ObjectRef = { bucket: string; key: string };

/**
 * Every S3 operation of the pack, written once: the S3 node's actions and the Cloud
 * Storage node's S3 driver both call these. Each is a one-line hand-over to the file of its
 * concern — buckets.ts, objects.ts (listing, metadata, download, tags), upload.ts, copy.ts,
 * delete.ts, multipart.ts, presign.ts — which take the connection as their first argument.
 * Errors come out as the typed storage errors (or S3RequestError) with no secret in them.
 */
export class S3Service extends S3Connection {
	/** Builds the client from a `cloudPackS3Api` credential's data. */
	static async fromCredential(
		data: Record<string, unknown>,
		options: S3ClientOptions = {},
	): Promise<S3Service> {
		const config = readS3Config(data);
		return new S3Service(await createS3Client(config, options), config, options.policy);
	}

	// ---- buckets (buckets.ts) --------------------------------------------------------

	listBuckets(): Promise<ContainerInfo[]> {
		return buckets.listBuckets(this);
	}

	createBucket(name: string, options?: { region?: string; ifNotExists?: boolean; acl?: string }) {
		return buckets.createBucket(this, name, options);
	}

	getBucket(name: string): Promise<ContainerInfo> {
		return buckets.getBucket(this, name);
	}

	bucketExists(name: string) {
		return buckets.bucketExists(this, name);
	}

	getBucketRegion(name: string): Promise<string> {
		return buckets.getBucketRegion(this, name);
	}

	deleteBucket(name: string, options?: { force?: boolean }) {
		return buckets.deleteBucket(this, name, options);
	}

	// ---- objects (objects.ts) --------------------------------------------------------

	listObjectsPage(bucket: string, options?: objects.S3ListOptions): Promise<objects.S3ListPage> {
		return objects.listObjectsPage(this, bucket, options);
	}

	listObjects(
		bucket: string,
		options?: Omit<objects.S3ListOptions, 'continuationToken' | 'maxKeys'>,
		limit?: number,
	): AsyncGenerator<objects.S3ListEntry> {
		return objects.listObjects(this, bucket, options, limit);
	}

	headObject(bucket: string, key: string, versionId?: string): Promise<S3ObjectInfo> {
		return objects.headObject(this, bucket, key, versionId);
	}

	download(
		bucket: string,
		key: string,
		range?: ByteRange,
		options?: DownloadOptions,
	): Promise<{ info: S3ObjectInfo; stream: Readable }> {
		return objects.download(this, bucket, key, range, options);
	}

	getTags(bucket: string, key: string): Promise<Record<string, string>> {
		return objects.getTags(this, bucket, key);
	}

	setTags(bucket: string, key: string, tags: Record<string, string>): Promise<void> {
		return objects.setTags(this, bucket, key, tags);
	}

	// ---- writes (upload.ts, copy.ts, delete.ts) --------------------------------------

	upload(
		bucket: string,
		key: string,
		body: UploadBody,
		options?: uploading.S3UploadOptions,
	): Promise<S3ObjectInfo> {
		return uploading.upload(this, bucket, key, body, options);
	}

	uploadData(
		bucket: string,
		key: string,
		data: string | Buffer,
		options?: S3WriteOptions,
	): Promise<S3ObjectInfo> {
		return uploading.uploadData(this, bucket, key, data, options);
	}

	copy(source: ObjectRef, target: ObjectRef, options?: copying.S3CopyOptions) {
		return copying.copy(this, source, target, options);
	}

	/** ObjectNotFoundError when there is no such object: S3 itself would answer the same. */
	deleteObject(bucket: string, key: string, versionId?: string): Promise<void> {
		return deleting.deleteObject(this, bucket, key, versionId);
	}

	/** `deleted: true` only for the keys that existed; the others are reported missing. */
	deleteObjects(bucket: string, keys: string[]): Promise<deleting.DeleteResult[]> {
		return deleting.deleteObjects(this, bucket, keys);
	}

	// ---- multipart uploads (multipart.ts) and presigned URLs (presign.ts) ------------

	listMultipartUploads(bucket: string, prefix?: string): Promise<multipart.MultipartUploadInfo[]> {
		return multipart.listMultipartUploads(this, bucket, prefix);
	}

	abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
		return multipart.abortMultipartUpload(this, bucket, key, uploadId);
	}

	presign(
		bucket: string,
		key: string,
		options: { method: 'GET' | 'PUT'; expiresIn: number; contentType?: string },
	): Promise<string> {
		return presigning.presign(this, bucket, key, options);
	}
}
