import { createHash } from 'crypto';
import type { File, FileMetadata } from '@google-cloud/storage';
import { sleep } from 'n8n-workflow';

import type { ObjectInfo, UploadBody } from '../../driver';
import { HashMismatchError, InvalidNameError, StorageError } from '../../errors';
import { discardBody, partReader, sendCheckedPart } from '../../parts';
import {
	decideRetry,
	isRetryableNetworkError,
	parseRetryAfter,
	type RetryPolicy,
} from '../../../transport/retryPolicy';
import type { GcsClient } from './client';
import { toGcsError, type GcsErrorContext } from './errors';
import { fileOf, gcsCall, objectContext } from './handles';
import { gcsLabel } from './names';
import { readExpectedMd5 } from '../../md5';
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
}

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

/** Whether a failed one-request upload may go again (the bytes are held, so they can). */
function retryDecision(error: unknown, attemptsMade: number, since: number, policy: RetryPolicy) {
	const sdk = (error ?? {}) as { code?: unknown; response?: { headers?: Record<string, unknown> } };
	const status = typeof sdk.code === 'number' ? sdk.code : undefined;
	return decideRetry(
		{
			attemptsMade,
			status,
			retryAfterMs: parseRetryAfter(sdk.response?.headers?.['retry-after'] as string | undefined),
			transientNetworkError: status === undefined && isRetryableNetworkError(error),
			replayable: true,
			elapsedMs: Date.now() - since,
		},
		policy,
	);
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
	const send = async () => {
		const since = Date.now();
		for (let attempt = 1; ; attempt++) {
			try {
				// not file.save(): without a precondition it turns the SDK's retries off for the client
				await new Promise<void>((resolve, reject) => {
					file
						.createWriteStream({ resumable: false, metadata })
						.on('error', reject)
						.on('finish', resolve)
						.end(data);
				});
				return { resource: file.metadata, md5, size: data.length };
			} catch (error) {
				const decision = retryDecision(error, attempt, since, client.policy);
				if (!decision.retry) throw error;
				await sleep(decision.delayMs);
			}
		}
	};
	// the SDK compared the CRC32C Google computed and deleted the damaged object: send again
	return await sendCheckedPart(
		send,
		(error) => (error as { code?: unknown })?.code === 'FILE_NO_UPLOAD',
	);
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
	const generation = await gcsCall(
		async () => (await file.getMetadata())[0].generation,
		context,
	).catch((error: unknown) => {
		if (error instanceof StorageError && error.code === 'ObjectNotFound') return 0;
		throw error;
	});
	const [uri] = await file.createResumableUpload({
		metadata,
		preconditionOpts: { ifGenerationMatch: Number(generation ?? 0) },
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
		sent =
			oneRequestSize === undefined
				? await uploadResumable(client, file, body, metadata, { ...options, expectedMd5 }, context)
				: await uploadInOneRequest(client, file, body, oneRequestSize, metadata, expectedMd5);
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
