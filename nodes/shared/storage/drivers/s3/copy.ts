import type { CompletedPart, HeadObjectCommandOutput } from '@aws-sdk/client-s3';

import type { S3Connection } from './connection';
import { mapS3Error } from './errors';
import { checkMetadata } from './input';
import {
	abortMultipartUpload,
	completeMultipartUpload,
	createMultipartUpload,
	DEFAULT_UPLOAD_CONCURRENCY,
	MAX_PARTS,
	MIN_PART_SIZE,
} from './multipart';
import { headObjectAnswer } from './objects';
import { pool } from '../../pool';
import { loadS3 } from './sdk';
import {
	copySource,
	describeObject,
	iso,
	md5FromEtag,
	unquote,
	writeParams,
	type S3ObjectInfo,
	type S3WriteOptions,
} from './shapes';

const MIB = 1024 * 1024;
/** CopyObject's limit: larger objects are copied part by part (UploadPartCopy). */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 * MIB;
const COPY_PART_SIZE = 512 * MIB;

export interface S3CopyOptions extends S3WriteOptions {
	/** Replace the metadata, content type and tags instead of copying them. */
	replaceMetadata?: boolean;
	/** Above this size the copy is multipart (default 5 GiB, CopyObject's limit). */
	multipartThreshold?: number;
	partSize?: number;
	concurrency?: number;
}

type ObjectRef = { bucket: string; key: string };

/** Server-side copy, across buckets too; objects above 5 GiB (or `multipartThreshold`) part by part. */
export async function copy(
	s3: S3Connection,
	source: ObjectRef,
	target: ObjectRef,
	given: S3CopyOptions = {},
): Promise<S3ObjectInfo> {
	const options = { ...given, metadata: given.metadata && checkMetadata(given.metadata) };
	const answer = await headObjectAnswer(s3, source.bucket, source.key).catch((error) => {
		throw mapS3Error(error, s3.context('CopyObject', source.bucket, source.key));
	});
	const head = describeObject(source.bucket, source.key, answer);
	const threshold = options.multipartThreshold ?? MAX_SINGLE_COPY_BYTES;
	if (head.size > threshold) return await multipartCopy(s3, source, target, head, options);
	const { CopyObjectCommand } = await loadS3();
	const replace = options.replaceMetadata === true;
	const onItself = source.bucket === target.bucket && source.key === target.key;
	const params = writeParams(
		replace
			? options
			: {
					...options,
					contentType: undefined,
					metadata: undefined,
					tags: undefined,
					cacheControl: undefined,
					contentDisposition: undefined,
				},
	);
	const copied = await s3.send<{
		CopyObjectResult?: { ETag?: string; LastModified?: Date };
		VersionId?: string;
	}>(
		new CopyObjectCommand({
			Bucket: target.bucket,
			Key: target.key,
			CopySource: copySource(source.bucket, source.key),
			MetadataDirective: replace || onItself ? 'REPLACE' : 'COPY',
			TaggingDirective: replace && options.tags ? 'REPLACE' : undefined,
			...(onItself && !replace ? { ...ownProperties(answer), ...defined(params) } : params),
		}),
		s3.context('CopyObject', target.bucket, target.key),
	);
	const etag = unquote(copied.CopyObjectResult?.ETag) ?? head.etag;
	return {
		...head,
		container: target.bucket,
		key: target.key,
		etag,
		md5: md5FromEtag(etag, options.serverSideEncryption ?? head.serverSideEncryption) ?? head.md5,
		lastModified: iso(copied.CopyObjectResult?.LastModified) ?? head.lastModified,
		versionId: copied.VersionId,
		contentType: replace ? (options.contentType ?? head.contentType) : head.contentType,
		metadata: replace ? (options.metadata ?? {}) : head.metadata,
		source: { bucket: source.bucket, key: source.key },
	};
}

/**
 * What a copy of an object onto itself keeps. S3 refuses such a copy when it changes nothing
 * (400 InvalidRequest, "copy an object to itself without changing the object's metadata"):
 * with the metadata directive REPLACE and the object's own properties sent again, it is
 * allowed and keeps them (its tags are copied as with any copy).
 */
function ownProperties(head: HeadObjectCommandOutput) {
	return defined({
		ContentType: head.ContentType,
		ContentEncoding: head.ContentEncoding,
		ContentLanguage: head.ContentLanguage,
		ContentDisposition: head.ContentDisposition,
		CacheControl: head.CacheControl,
		Expires: head.Expires,
		Metadata: head.Metadata,
		StorageClass: head.StorageClass,
		ServerSideEncryption: head.ServerSideEncryption,
		SSEKMSKeyId: head.SSEKMSKeyId,
		WebsiteRedirectLocation: head.WebsiteRedirectLocation,
	});
}

/** The fields that have a value. */
function defined<T extends object>(fields: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== undefined),
	) as Partial<T>;
}

/** A copy above CopyObject's limit: UploadPartCopy of byte ranges, `concurrency` at a time. */
async function multipartCopy(
	s3: S3Connection,
	source: ObjectRef,
	target: ObjectRef,
	head: S3ObjectInfo,
	options: S3CopyOptions,
): Promise<S3ObjectInfo> {
	const { UploadPartCopyCommand } = await loadS3();
	const replace = options.replaceMetadata === true;
	// A multipart upload copies nothing by itself: carry the source's properties over.
	const properties: S3WriteOptions = replace
		? options
		: {
				...options,
				contentType: head.contentType,
				metadata: head.metadata,
				cacheControl: head.cacheControl,
				contentDisposition: head.contentDisposition,
				storageClass:
					options.storageClass ??
					(head.storageClass !== 'STANDARD' ? head.storageClass : undefined),
			};
	const partSize = Math.max(
		options.partSize ?? COPY_PART_SIZE,
		MIN_PART_SIZE,
		Math.ceil(head.size / MAX_PARTS),
	);
	const context = s3.context('multipart copy', target.bucket, target.key);
	const uploadId = await createMultipartUpload(s3, target.bucket, target.key, properties, context);
	try {
		const ranges: Array<{ partNumber: number; start: number; end: number }> = [];
		for (let start = 0, partNumber = 1; start < head.size; start += partSize, partNumber++) {
			ranges.push({ partNumber, start, end: Math.min(start + partSize, head.size) - 1 });
		}
		const parts: CompletedPart[] = await pool(
			ranges,
			options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY,
			async (range) => {
				const answer = await s3.send<{ CopyPartResult?: { ETag?: string } }>(
					new UploadPartCopyCommand({
						Bucket: target.bucket,
						Key: target.key,
						UploadId: uploadId,
						PartNumber: range.partNumber,
						CopySource: copySource(source.bucket, source.key),
						CopySourceRange: `bytes=${range.start}-${range.end}`,
					}),
					context,
				);
				return { PartNumber: range.partNumber, ETag: answer.CopyPartResult?.ETag };
			},
		);
		const done = await completeMultipartUpload(
			s3,
			target.bucket,
			target.key,
			uploadId,
			parts,
			context,
		);
		return {
			...head,
			container: target.bucket,
			key: target.key,
			etag: unquote(done.ETag),
			md5: head.md5,
			versionId: done.VersionId,
			contentType: properties.contentType,
			metadata: properties.metadata ?? {},
			multipart: true,
			parts: parts.length,
			source: { bucket: source.bucket, key: source.key },
		};
	} catch (error) {
		await abortMultipartUpload(s3, target.bucket, target.key, uploadId).catch(() => undefined);
		throw error;
	}
}
