import type { CompletedPart } from '@aws-sdk/client-s3';

import { StorageError } from '../../errors';
import type { S3Connection } from './connection';
import type { S3ErrorContext } from './errors';
import { loadS3 } from './sdk';
import { iso, writeParams, type S3WriteOptions } from './shapes';

const MIB = 1024 * 1024;
/** S3's smallest part (all but the last). */
export const MIN_PART_SIZE = 5 * MIB;
/** S3's most parts in one upload. */
export const MAX_PARTS = 10_000;
export const DEFAULT_UPLOAD_CONCURRENCY = 4;

export interface MultipartUploadInfo {
	key: string;
	uploadId: string;
	initiated?: string;
}

/** CreateMultipartUpload with the object's properties; the upload's ID. */
export async function createMultipartUpload(
	s3: S3Connection,
	bucket: string,
	key: string,
	options: S3WriteOptions,
	context: S3ErrorContext = s3.context('CreateMultipartUpload', bucket, key),
): Promise<string> {
	const { CreateMultipartUploadCommand } = await loadS3();
	const created = await s3.send<{ UploadId?: string }>(
		new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...writeParams(options) }),
		context,
	);
	if (!created.UploadId)
		throw new Error(`S3 started no multipart upload for "${key}" (no UploadId)`);
	return created.UploadId;
}

/** CompleteMultipartUpload: the parts become the object. */
export async function completeMultipartUpload(
	s3: S3Connection,
	bucket: string,
	key: string,
	uploadId: string,
	parts: CompletedPart[],
	context: S3ErrorContext = s3.context('CompleteMultipartUpload', bucket, key),
): Promise<{ ETag?: string; VersionId?: string }> {
	const { CompleteMultipartUploadCommand } = await loadS3();
	return await s3.send(
		new CompleteMultipartUploadCommand({
			Bucket: bucket,
			Key: key,
			UploadId: uploadId,
			MultipartUpload: { Parts: parts },
		}),
		context,
	);
}

/** Every unfinished multipart upload of the bucket (under `prefix`), over every page. */
export async function listMultipartUploads(
	s3: S3Connection,
	bucket: string,
	prefix?: string,
): Promise<MultipartUploadInfo[]> {
	const { ListMultipartUploadsCommand } = await loadS3();
	const uploads: MultipartUploadInfo[] = [];
	let keyMarker: string | undefined;
	let uploadIdMarker: string | undefined;
	for (;;) {
		const page = await s3.send<{
			Uploads?: Array<{ Key?: string; UploadId?: string; Initiated?: Date }>;
			IsTruncated?: boolean;
			NextKeyMarker?: string;
			NextUploadIdMarker?: string;
		}>(
			new ListMultipartUploadsCommand({
				Bucket: bucket,
				Prefix: prefix,
				KeyMarker: keyMarker,
				UploadIdMarker: uploadIdMarker,
			}),
			s3.context('ListMultipartUploads', bucket),
		);
		for (const upload of page.Uploads ?? []) {
			if (upload.Key && upload.UploadId)
				uploads.push({
					key: upload.Key,
					uploadId: upload.UploadId,
					initiated: iso(upload.Initiated),
				});
		}
		if (
			!page.IsTruncated ||
			(page.NextKeyMarker === keyMarker && page.NextUploadIdMarker === uploadIdMarker)
		)
			return uploads;
		keyMarker = page.NextKeyMarker;
		uploadIdMarker = page.NextUploadIdMarker;
	}
}

/** AbortMultipartUpload; an upload already gone (aborted, or completed) is what was wanted. */
export async function abortMultipartUpload(
	s3: S3Connection,
	bucket: string,
	key: string,
	uploadId: string,
): Promise<void> {
	const { AbortMultipartUploadCommand } = await loadS3();
	try {
		await s3.send(
			new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
			s3.context('AbortMultipartUpload', bucket, key),
		);
	} catch (error) {
		if (error instanceof StorageError && error.code === 'ObjectNotFound') return;
		if ((error as { code?: string }).code === 'NoSuchUpload') return;
		throw error;
	}
}
