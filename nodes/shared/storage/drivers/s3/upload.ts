import { createHash } from 'crypto';
import { Readable } from 'stream';

import type { UploadBody, UploadFile } from '../../driver';
import { sendFileParts, streamsPartsFromFile } from '../../fileParts';
import { assertMd5, readExpectedMd5 } from '../../md5';
import { PartPump, discardBody, isUploadFile, partReader, sendCheckedPart } from '../../parts';
import type { S3Connection } from './connection';
import { mapS3Error } from './errors';
import { checkMetadata, invalidInput } from './input';
import {
	abortMultipartUpload,
	completeMultipartUpload,
	createMultipartUpload,
	DEFAULT_UPLOAD_CONCURRENCY,
	MAX_PARTS,
	MIN_PART_SIZE,
} from './multipart';
import { loadS3 } from './sdk';
import {
	md5FromEtag,
	unquote,
	writeParams,
	type S3ObjectInfo,
	type S3WriteOptions,
} from './shapes';

const MIB = 1024 * 1024;
/** Parts of a streamed upload; an upload no larger than one part is a single PUT. */
export const DEFAULT_PART_SIZE = 5 * MIB;

export interface S3UploadOptions extends S3WriteOptions {
	/** Bytes, when known: large inputs get parts big enough to stay within 10,000 parts. */
	size?: number;
	/** Bytes per part (at least 5 MiB); also the single-PUT threshold. */
	partSize?: number;
	/** Parts in flight at once. */
	concurrency?: number;
	/** hex MD5 the content must have: a mismatch is detected before the upload is completed. */
	expectedMd5?: string;
}

/** Content-MD5 of a part: S3 checks it and keeps nothing when a byte was damaged on the way. */
function base64Md5(data: Buffer): string {
	return createHash('md5').update(data).digest('base64');
}

/** S3 refused bytes that do not match their Content-MD5 (BadDigest): they are sent again. */
function arrivedDamaged(error: unknown): boolean {
	return (error as { code?: unknown }).code === 'BadDigest';
}

/**
 * Uploads `body` (a stream, or n8n's file read by position): one PutObject when it fits
 * in a part, else a multipart upload with `concurrency` parts in flight, from a fixed pool of
 * `concurrency + 1` part buffers (see storage/parts.ts for why not lib-storage), or, for a file
 * when that pool would exceed PART_POOL_BUDGET, streamed from the file by position.
 * On any failure — the input, a part, an MD5 mismatch — the multipart upload is aborted,
 * so nothing incomplete is left behind.
 */
export async function upload(
	s3: S3Connection,
	bucket: string,
	key: string,
	body: UploadBody,
	given: S3UploadOptions = {},
): Promise<S3ObjectInfo> {
	const requested = given.partSize ?? DEFAULT_PART_SIZE;
	let options: S3UploadOptions;
	try {
		if (requested < MIN_PART_SIZE)
			throw invalidInput('partSize', `a part must be at least 5 MiB, not ${requested} bytes`);
		options = {
			...given,
			expectedMd5: readExpectedMd5(given.expectedMd5),
			metadata: given.metadata && checkMetadata(given.metadata),
		};
	} catch (error) {
		// Refused before reading: release n8n's file or stream.
		discardBody(body);
		throw error;
	}
	const known = isUploadFile(body) ? body.size : options.size;
	const partSize = Math.max(requested, known ? Math.ceil(known / MAX_PARTS / MIB) * MIB : 0);
	const concurrency = Math.max(
		1,
		Math.min(32, Math.floor(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY)),
	);
	const expected = options.expectedMd5;
	if (isUploadFile(body) && streamsPartsFromFile(body, partSize, concurrency)) {
		return await uploadFileInParts(s3, bucket, key, body, options, { partSize, concurrency });
	}
	const pump = new PartPump(partReader(body), { partSize, concurrency, md5: Boolean(expected) });
	const checkMd5 = () => assertMd5(key, expected, pump.md5);
	const { PutObjectCommand } = await loadS3();
	try {
		const first = await pump.first();
		let result: { ETag?: string; VersionId?: string };
		if (first.final) {
			checkMd5();
			result = await sendCheckedPart(
				async () =>
					await s3.send(
						new PutObjectCommand({
							Bucket: bucket,
							Key: key,
							Body: first.data,
							ContentLength: first.data.length,
							ContentMD5: base64Md5(first.data),
							...writeParams(options),
						}),
						s3.context('PutObject', bucket, key),
					),
				arrivedDamaged,
			);
		} else {
			result = await inMultipartUpload(
				s3,
				bucket,
				key,
				options,
				async (uploadId) =>
					await pump.sendAll(
						async (part) =>
							await uploadPart(s3, bucket, key, uploadId, {
								number: part.number,
								size: part.data.length,
								contentMd5: base64Md5(part.data),
								body: () => part.data,
								streamed: false,
							}),
					),
				checkMd5,
			);
		}
		return uploaded(key, bucket, pump.size, result, options);
	} catch (error) {
		throw mapS3Error(error, s3.context('upload', bucket, key));
	} finally {
		await pump.close();
	}
}

interface CompletedPart {
	PartNumber: number;
	ETag?: string;
}

/**
 * Sends one part with UploadPart, the server checking its Content-MD5 (a damaged part is sent
 * again: sendCheckedPart). A `streamed` body cannot be sent twice: `body()` then gives a new
 * stream for each attempt, retried by S3Connection.sendBuiltEachAttempt.
 */
async function uploadPart(
	s3: S3Connection,
	bucket: string,
	key: string,
	uploadId: string,
	part: {
		number: number;
		size: number;
		/** base64 MD5 of the part */
		contentMd5: string;
		body: () => Buffer | Readable;
		streamed: boolean;
	},
): Promise<CompletedPart> {
	const { UploadPartCommand } = await loadS3();
	const command = () =>
		new UploadPartCommand({
			Bucket: bucket,
			Key: key,
			UploadId: uploadId,
			PartNumber: part.number,
			Body: part.body(),
			ContentLength: part.size,
			ContentMD5: part.contentMd5,
		});
	const context = s3.context('UploadPart', bucket, key);
	const answer = await sendCheckedPart(
		async () =>
			part.streamed
				? await s3.sendBuiltEachAttempt<{ ETag?: string }>(command, context)
				: await s3.send<{ ETag?: string }>(command(), context),
		arrivedDamaged,
	);
	return { PartNumber: part.number, ETag: answer.ETag };
}

/**
 * A multipart upload around `sendParts`: created first, completed once every part is sent and
 * `check` passed (a mismatch aborts before completing, and nothing is kept), aborted on any
 * failure so that nothing incomplete is left behind.
 */
async function inMultipartUpload(
	s3: S3Connection,
	bucket: string,
	key: string,
	options: S3UploadOptions,
	sendParts: (uploadId: string) => Promise<CompletedPart[]>,
	check: () => void,
): Promise<{ ETag?: string; VersionId?: string }> {
	const uploadId = await createMultipartUpload(s3, bucket, key, options);
	try {
		const parts = await sendParts(uploadId);
		check();
		return await completeMultipartUpload(s3, bucket, key, uploadId, parts);
	} catch (error) {
		await abortMultipartUpload(s3, bucket, key, uploadId).catch(() => undefined);
		throw error;
	}
}

/**
 * A file (n8n's filesystem binary store) in many parts at once: each part streams from the file
 * by position when it is sent (see ../../fileParts.ts), so the parts in flight hold no buffers.
 */
async function uploadFileInParts(
	s3: S3Connection,
	bucket: string,
	key: string,
	file: UploadFile,
	options: S3UploadOptions,
	sizing: { partSize: number; concurrency: number },
): Promise<S3ObjectInfo> {
	let wholeMd5: string | undefined;
	try {
		const result = await inMultipartUpload(
			s3,
			bucket,
			key,
			options,
			async (uploadId) => {
				const sent = await sendFileParts(
					file,
					{ ...sizing, md5: Boolean(options.expectedMd5) },
					async (part) =>
						await uploadPart(s3, bucket, key, uploadId, {
							number: part.number,
							size: part.size,
							contentMd5: part.md5.toString('base64'),
							body: part.open,
							streamed: true,
						}),
				);
				wholeMd5 = sent.md5;
				return sent.results;
			},
			() => assertMd5(key, options.expectedMd5, wholeMd5),
		);
		return uploaded(key, bucket, file.size, result, options);
	} catch (error) {
		throw mapS3Error(error, s3.context('upload', bucket, key));
	}
}

/** What an upload answers: the object as stored. */
function uploaded(
	key: string,
	bucket: string,
	size: number,
	result: { ETag?: string; VersionId?: string },
	options: S3UploadOptions,
): S3ObjectInfo {
	const etag = unquote(result.ETag);
	return {
		container: bucket,
		key,
		size,
		etag,
		md5: options.expectedMd5 ?? md5FromEtag(etag, options.serverSideEncryption),
		contentType: options.contentType,
		metadata: options.metadata ?? {},
		versionId: result.VersionId,
		storageClass: options.storageClass || 'STANDARD',
		serverSideEncryption: options.serverSideEncryption,
		multipart: etag?.includes('-') ?? false,
	};
}

/** The seed's upload_data: text or bytes already in memory. */
export async function uploadData(
	s3: S3Connection,
	bucket: string,
	key: string,
	data: string | Buffer,
	options: S3WriteOptions = {},
): Promise<S3ObjectInfo> {
	const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	return await upload(s3, bucket, key, Readable.from([buffer]), {
		...options,
		size: buffer.length,
	});
}
