import { createHash } from 'crypto';
import type { File, FileMetadata } from '@google-cloud/storage';

import type { ObjectInfo, UploadBody } from '../../driver';
import { HashMismatchError, InvalidNameError, StorageError } from '../../errors';
import { discardBody, partReader } from '../../parts';
import type { GcsClient } from './client';
import { toGcsError, type GcsErrorContext } from './errors';
import { fileOf, gcsCall, objectContext } from './handles';
import { gcsLabel } from './names';
import { readExpectedMd5 } from '../../md5';
import { uploadComposite } from './composite';
import { sendInOneRequest } from './oneRequest';
import { cancelResumable, sendResumable } from './resumable';
import { objectInfo } from './shapes';

/** Uploads larger than this (or of unknown size) go resumable; smaller ones in one request. */
export const RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
/** Google requires resumable chunks (all but the last) to be multiples of 256 KiB. */
export const CHUNK_GRANULARITY = 256 * 1024;

export interface GcsUploadOptions {
	contentType?: string;
	metadata?: Record<string, string>;
	cacheControl?: string;
	contentDisposition?: string;
	contentEncoding?: string;
	contentLanguage?: string;
	/** Known size in bytes; unknown sizes go resumable. */
	size?: number;
	/** hex MD5 the content must have: Google checks it before keeping the object; we check again. */
	expectedMd5?: string;
	/** Uploads above this many bytes go resumable (default 8 MiB). */
	resumableThreshold?: number;
	/**
	 * Send a resumable upload in chunks of this many bytes (a multiple of 256 KiB), each
	 * retried on its own; the SDK holds one chunk in memory. Absent: one streamed request.
	 */
	chunkSize?: number;
	/**
	 * Bodies above this many bytes (or of unknown size) go as a parallel composite upload
	 * (composite.ts): parts sent at once, then composed. Absent or 0: never.
	 */
	compositeThreshold?: number;
	/** Bytes per part of a parallel composite upload (default 8 MiB). */
	compositePartSize?: number;
	/** Parts of a parallel composite upload in flight at once (default 8). */
	compositeConcurrency?: number;
}

export const COMPOSITE_PART_SIZE = 8 * 1024 * 1024;
export const COMPOSITE_CONCURRENCY = 8;

function uploadMetadata(options: GcsUploadOptions, expectedMd5: string | undefined): FileMetadata {
	const metadata: FileMetadata = {
		contentType: options.contentType || undefined,
		cacheControl: options.cacheControl || undefined,
		contentDisposition: options.contentDisposition || undefined,
		contentEncoding: options.contentEncoding || undefined,
		contentLanguage: options.contentLanguage || undefined,
		metadata:
			options.metadata && Object.keys(options.metadata).length ? options.metadata : undefined,
	};
	if (expectedMd5) metadata.md5Hash = Buffer.from(expectedMd5, 'hex').toString('base64');
	for (const field of Object.keys(metadata) as Array<keyof FileMetadata>)
		if (metadata[field] === undefined) delete metadata[field];
	return metadata;
}

/** Reads a small body (`size` bytes, at most the resumable threshold) into one buffer. */
async function readWhole(body: UploadBody, size: number): Promise<Buffer> {
	const reader = partReader(body);
	try {
		// one byte more than declared: a body longer than its size is refused, never cut short
		const buffer = Buffer.allocUnsafe(size + 1);
		const filled = await reader.fill(buffer);
		if (filled !== size)
			throw new InvalidNameError(
				'binaryPropertyName',
				filled > size
					? `The binary data is longer than its declared size of ${size} bytes`
					: `The binary data is shorter than its declared size: ${filled} of ${size} bytes`,
			);
		return buffer.subarray(0, filled);
	} finally {
		await reader.close();
	}
}

/**
 * A small upload (size known, at most the resumable threshold) in one request, through the SDK
 * (which checks the CRC32C Google computed). The bytes are read into one buffer first, so a
 * request that breaks, or is answered busy, goes again under the pack's retry policy.
 */
async function uploadInOneRequest(
	client: GcsClient,
	file: File,
	body: UploadBody,
	size: number,
	metadata: FileMetadata,
	expectedMd5: string | undefined,
): Promise<{ resource: FileMetadata; md5?: string; size: number }> {
	const data = await readWhole(body, size);
	// MD5 of what is sent, only when the caller expects one (the SDK checks CRC32C anyway).
	const md5 = expectedMd5 ? createHash('md5').update(data).digest('hex') : undefined;
	const resource = await sendInOneRequest(file, data, metadata, client.policy);
	return { resource, md5, size: data.length };
}

/** The generation an upload may replace: the live one, or 0 when there is none. */
async function liveGeneration(file: File, context: GcsErrorContext): Promise<number> {
	const generation = await gcsCall(
		async () => (await file.getMetadata())[0].generation,
		context,
	).catch((error: unknown) => {
		if (error instanceof StorageError && error.code === 'ObjectNotFound') return 0;
		throw error;
	});
	return Number(generation ?? 0);
}

/** Checks a positive whole number of a composite upload's options. */
function positiveInteger(value: number | undefined, parameter: string, fallback: number): number {
	if (value === undefined) return fallback;
	if (!Number.isInteger(value) || value <= 0) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${gcsLabel(parameter)}: ${value} is not a positive whole number`,
		);
	}
	return value;
}

/**
 * Opens a resumable session with the SDK and sends the bytes from pooled buffers
 * (resumable.ts). The session names the generation it replaces (0: none), so it is safe to
 * resume and never overwrites a concurrent writer (412). Cancelled when anything fails.
 */
async function uploadResumable(
	client: GcsClient,
	file: File,
	body: UploadBody,
	metadata: FileMetadata,
	options: GcsUploadOptions,
	context: GcsErrorContext,
): Promise<{ resource: FileMetadata; md5?: string; crc32c: string; size: number }> {
	const [uri] = await file.createResumableUpload({
		metadata,
		preconditionOpts: { ifGenerationMatch: await liveGeneration(file, context) },
	});
	try {
		const sent = await sendResumable(uri, body, {
			size: options.size,
			chunkSize: options.chunkSize,
			md5: Boolean(options.expectedMd5),
			policy: client.policy,
		});
		return { ...sent, resource: sent.resource as FileMetadata };
	} catch (error) {
		await cancelResumable(uri);
		throw error;
	}
}

/**
 * Uploads `body` (n8n's file, read by position, or a stream) into an object. Small uploads
 * (size known, at most the threshold) go in one request; larger or unknown ones go resumable.
 * The CRC32C Google computed is checked against the bytes sent. When anything fails, no
 * object is left: a failed request creates none, an unfinished resumable session is
 * cancelled, and an object that does not match what was sent (or `expectedMd5`) is deleted.
 */
export async function uploadObject(
	client: GcsClient,
	bucket: string,
	key: string,
	body: UploadBody,
	options: GcsUploadOptions = {},
	names: { bucket?: string; key?: string } = {},
): Promise<ObjectInfo> {
	const context = objectContext(client, bucket, key, names);
	let expectedMd5: string | undefined;
	let sent: { resource: FileMetadata; md5?: string; crc32c?: string; size?: number };
	let file: File;
	try {
		file = fileOf(client, bucket, key, names);
		expectedMd5 = readExpectedMd5(options.expectedMd5);
		const chunkSize = options.chunkSize;
		if (
			chunkSize !== undefined &&
			(!Number.isInteger(chunkSize) || chunkSize <= 0 || chunkSize % CHUNK_GRANULARITY !== 0)
		) {
			throw new InvalidNameError(
				'chunkSize',
				`Invalid ${gcsLabel('chunkSize')}: ${chunkSize} bytes is not a positive multiple of 256 KiB (262144 bytes)`,
			);
		}
		const threshold = options.resumableThreshold ?? RESUMABLE_THRESHOLD;
		const metadata = uploadMetadata(options, expectedMd5);
		const oneRequestSize =
			chunkSize === undefined && options.size !== undefined && options.size <= threshold
				? options.size
				: undefined;
		const compositeAbove = options.compositeThreshold ?? 0;
		const composite =
			compositeAbove > 0 && (options.size === undefined || options.size > compositeAbove);
		if (composite) {
			const partSize = positiveInteger(
				options.compositePartSize,
				'compositePartSize',
				COMPOSITE_PART_SIZE,
			);
			const concurrency = positiveInteger(
				options.compositeConcurrency,
				'compositeConcurrency',
				COMPOSITE_CONCURRENCY,
			);
			sent = await uploadComposite(
				client,
				file,
				body,
				metadata,
				{
					partSize,
					concurrency,
					size: options.size,
					expectedMd5,
					ifGenerationMatch: await liveGeneration(file, context),
				},
				context,
			);
		} else if (oneRequestSize === undefined) {
			sent = await uploadResumable(
				client,
				file,
				body,
				metadata,
				{ ...options, expectedMd5 },
				context,
			);
		} else {
			sent = await uploadInOneRequest(client, file, body, oneRequestSize, metadata, expectedMd5);
		}
	} catch (error) {
		discardBody(body);
		throw toGcsError(error, context);
	}
	const info = objectInfo(sent.resource, bucket, key);
	const crcMismatch =
		sent.crc32c !== undefined &&
		sent.resource.crc32c !== undefined &&
		sent.resource.crc32c !== sent.crc32c;
	const sizeMismatch = sent.size !== undefined && info.size !== sent.size;
	const md5Mismatch =
		expectedMd5 !== undefined &&
		sent.md5 !== undefined &&
		((info.md5 ?? sent.md5) !== expectedMd5 || sent.md5 !== expectedMd5);
	if (crcMismatch || sizeMismatch || md5Mismatch) {
		// what Google stored is not what was sent: remove exactly that generation
		const generation = info.generation === undefined ? undefined : Number(info.generation);
		await gcsCall(
			() =>
				file.delete({
					ignoreNotFound: true,
					...(generation ? { ifGenerationMatch: generation } : {}),
				}),
			context,
		);
		if (md5Mismatch && expectedMd5) throw new HashMismatchError(key, expectedMd5, sent.md5 ?? '');
		const what = crcMismatch
			? `CRC32C ${String(sent.resource.crc32c)}, sent ${sent.crc32c}`
			: `${info.size} bytes, sent ${sent.size}`;
		throw new StorageError(
			'HashMismatch',
			`Object "${key}" was not kept: Google Cloud Storage stored other data than was sent (${what})`,
			'key',
		);
	}
	return info;
}
