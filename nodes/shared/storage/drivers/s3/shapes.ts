import type {
	HeadObjectCommandOutput,
	ObjectCannedACL,
	ServerSideEncryption,
	StorageClass,
} from '@aws-sdk/client-s3';

import type { ObjectInfo } from '../../driver';
import { isHexMd5 } from '../../md5';
import { tagsToQuery } from './input';

/** An object as the S3 operations report it: the storage interface's fields and S3's own. */
export interface S3ObjectInfo extends ObjectInfo {
	storageClass?: string;
	versionId?: string;
	serverSideEncryption?: string;
	cacheControl?: string;
	contentDisposition?: string;
	contentEncoding?: string;
}

/** What a write (upload, copy with replaced properties) may set on the object. */
export interface S3WriteOptions {
	contentType?: string;
	metadata?: Record<string, string>;
	tags?: Record<string, string>;
	storageClass?: string;
	serverSideEncryption?: string;
	kmsKeyId?: string;
	acl?: string;
	cacheControl?: string;
	contentDisposition?: string;
}

export const unquote = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');
export const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);

/** S3's ETag is the content's MD5 for single-part, non-KMS objects. */
export function md5FromEtag(etag: string | undefined, sse?: string): string | undefined {
	return isHexMd5(etag) && sse !== 'aws:kms' && sse !== 'aws:kms:dsse'
		? etag.toLowerCase()
		: undefined;
}

/** CopySource: "bucket/key", the key URL-encoded segment by segment. */
export function copySource(bucket: string, key: string): string {
	return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The request fields of a write (PutObject, CreateMultipartUpload, CopyObject). */
export function writeParams(options: S3WriteOptions) {
	return {
		ContentType: options.contentType || undefined,
		Metadata:
			options.metadata && Object.keys(options.metadata).length > 0 ? options.metadata : undefined,
		Tagging:
			options.tags && Object.keys(options.tags).length > 0 ? tagsToQuery(options.tags) : undefined,
		StorageClass: (options.storageClass || undefined) as StorageClass | undefined,
		ServerSideEncryption: (options.serverSideEncryption || undefined) as
			ServerSideEncryption | undefined,
		SSEKMSKeyId: options.serverSideEncryption?.startsWith('aws:kms')
			? options.kmsKeyId || undefined
			: undefined,
		ACL: (options.acl || undefined) as ObjectCannedACL | undefined,
		CacheControl: options.cacheControl || undefined,
		ContentDisposition: options.contentDisposition || undefined,
	};
}

/** An object described from a HeadObject (or GetObject) answer. */
export function describeObject(
	bucket: string,
	key: string,
	head: Partial<HeadObjectCommandOutput>,
): S3ObjectInfo {
	const etag = unquote(head.ETag);
	return {
		container: bucket,
		key,
		size: head.ContentLength ?? 0,
		lastModified: iso(head.LastModified),
		etag,
		md5: md5FromEtag(etag, head.ServerSideEncryption),
		contentType: head.ContentType,
		metadata: head.Metadata ?? {},
		storageClass: head.StorageClass ?? 'STANDARD',
		versionId: head.VersionId,
		serverSideEncryption: head.ServerSideEncryption,
		cacheControl: head.CacheControl,
		contentDisposition: head.ContentDisposition,
		contentEncoding: head.ContentEncoding,
	};
}
