/**
 * Every Google Cloud Storage operation of the pack, written once: the GCS node's actions and
 * the Cloud Storage node's GCS driver both call these. Bytes always move as streams.
 */
import { createHash } from 'crypto';
import { PassThrough, Transform, type Readable } from 'stream';
import { pipeline } from 'stream/promises';
import type { Bucket, File, FileMetadata, BucketMetadata } from '@google-cloud/storage';

import type {
	ByteRange,
	ContainerInfo,
	DownloadResult,
	ObjectInfo,
	ObjectPage,
	UploadBody,
} from '../../driver';
import { HashMismatchError, InvalidNameError, StorageError } from '../../errors';
import { discardBody, uploadStream } from '../../parts';
import type { GcsClient } from './client';
import { bucketNotFound, objectNotFound, toGcsError, type GcsErrorContext } from './errors';
import { assertBucketName, assertObjectName, gcsLabel } from './names';
import { cancelResumable, sendResumable } from './resumable';

/** Uploads larger than this (or of unknown size) go resumable; smaller ones in one request. */
export const RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
/** Google requires resumable chunks (all but the last) to be multiples of 256 KiB. */
export const CHUNK_GRANULARITY = 256 * 1024;
/** v4 signed URLs: 1 second to 7 days. */
export const MAX_SIGNED_URL_SECONDS = 604_800;
const DEFAULT_PAGE_SIZE = 1000;

// ---- shapes --------------------------------------------------------------------------

function hexFromBase64(value: unknown): string | undefined {
	return typeof value === 'string' && value
		? Buffer.from(value, 'base64').toString('hex')
		: undefined;
}

function stringMap(value: unknown): Record<string, string> {
	const map: Record<string, string> = {};
	if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			if (entry !== null && entry !== undefined) map[key] = String(entry);
		}
	}
	return map;
}

export function bucketInfo(metadata: BucketMetadata, fallbackName = ''): ContainerInfo {
	return {
		name: String(metadata.name ?? metadata.id ?? fallbackName),
		createdAt: metadata.timeCreated,
		updatedAt: metadata.updated,
		location: metadata.location,
		locationType: metadata.locationType,
		storageClass: metadata.storageClass,
		versioning: metadata.versioning?.enabled ?? false,
		projectNumber:
			metadata.projectNumber === undefined ? undefined : String(metadata.projectNumber),
	};
}

export function objectInfo(metadata: FileMetadata, bucket: string, key: string): ObjectInfo {
	return {
		container: String(metadata.bucket ?? bucket),
		key: String(metadata.name ?? key),
		size: Number(metadata.size ?? 0),
		lastModified: metadata.updated,
		createdAt: metadata.timeCreated,
		etag: metadata.etag,
		md5: hexFromBase64(metadata.md5Hash),
		crc32c: metadata.crc32c,
		contentType: metadata.contentType,
		contentEncoding: metadata.contentEncoding || undefined,
		contentDisposition: metadata.contentDisposition || undefined,
		contentLanguage: metadata.contentLanguage || undefined,
		cacheControl: metadata.cacheControl || undefined,
		metadata: stringMap(metadata.metadata),
		generation: metadata.generation === undefined ? undefined : String(metadata.generation),
		metageneration:
			metadata.metageneration === undefined ? undefined : String(metadata.metageneration),
		storageClass: metadata.storageClass,
	};
}

async function call<T>(work: () => Promise<T>, context: GcsErrorContext): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toGcsError(error, context);
	}
}

function bucketOf(client: GcsClient, name: string, parameter = 'container'): Bucket {
	assertBucketName(name, parameter);
	return client.storage.bucket(name);
}

function fileOf(
	client: GcsClient,
	bucket: string,
	key: string,
	names: { bucket?: string; key?: string } = {},
): File {
	const handle = bucketOf(client, bucket, names.bucket);
	assertObjectName(key, names.key ?? 'key');
	return handle.file(key);
}

// ---- buckets -------------------------------------------------------------------------

export interface BucketPage {
	buckets: ContainerInfo[];
	nextPageToken?: string;
}

export async function listBucketsPage(
	client: GcsClient,
	options: { pageSize?: number; pageToken?: string; prefix?: string } = {},
): Promise<BucketPage> {
	return await call(
		async () => {
			const [buckets, , response] = await client.storage.getBuckets({
				autoPaginate: false,
				maxResults: options.pageSize ?? DEFAULT_PAGE_SIZE,
				pageToken: options.pageToken,
				prefix: options.prefix || undefined,
			});
			const next = (response as { nextPageToken?: string } | undefined)?.nextPageToken;
			return {
				buckets: buckets.map((bucket) => bucketInfo(bucket.metadata, bucket.name)),
				nextPageToken: next || undefined,
			};
		},
		{ config: client.config },
	);
}

/** Every bucket (or the first `limit`), following pages. */
export async function listBuckets(
	client: GcsClient,
	options: { limit?: number; prefix?: string } = {},
): Promise<ContainerInfo[]> {
	const all: ContainerInfo[] = [];
	let pageToken: string | undefined;
	do {
		const pageSize =
			options.limit === undefined
				? DEFAULT_PAGE_SIZE
				: Math.min(DEFAULT_PAGE_SIZE, options.limit - all.length);
		const page = await listBucketsPage(client, { pageSize, pageToken, prefix: options.prefix });
		all.push(...page.buckets);
		pageToken = page.nextPageToken;
	} while (pageToken && (options.limit === undefined || all.length < options.limit));
	return options.limit === undefined ? all : all.slice(0, options.limit);
}

export async function getBucket(
	client: GcsClient,
	name: string,
	parameter = 'container',
): Promise<ContainerInfo> {
	const bucket = bucketOf(client, name, parameter);
	return await call(async () => bucketInfo((await bucket.getMetadata())[0], name), {
		config: client.config,
		bucket: name,
		bucketParameter: parameter,
	});
}

export interface CreateBucketOptions {
	/** e.g. US, EU, europe-west1; the service's default (US) when absent */
	location?: string;
	/** STANDARD, NEARLINE, COLDLINE, ARCHIVE; the service's default (STANDARD) when absent */
	storageClass?: string;
	ifNotExists?: boolean;
	parameter?: string;
}

export async function createBucket(
	client: GcsClient,
	name: string,
	options: CreateBucketOptions = {},
) {
	const parameter = options.parameter ?? 'container';
	assertBucketName(name, parameter);
	const metadata: Record<string, string> = {};
	if (options.location) metadata.location = options.location.trim();
	if (options.storageClass) metadata.storageClass = options.storageClass.trim().toUpperCase();
	try {
		const [bucket] = await client.storage.createBucket(name, metadata);
		return { created: true, container: bucketInfo(bucket.metadata, name) };
	} catch (error) {
		const mapped = toGcsError(error, {
			config: client.config,
			bucket: name,
			bucketParameter: parameter,
			conflict: 'exists',
		});
		if (
			!options.ifNotExists ||
			!(mapped instanceof StorageError) ||
			mapped.code !== 'ContainerAlreadyExists'
		)
			throw mapped;
		return { created: false, container: await getBucket(client, name, parameter) };
	}
}

/** Deletes a bucket; a non-empty one only with `force`, which deletes every object (and version) first. */
export async function deleteBucket(
	client: GcsClient,
	name: string,
	options: { force?: boolean; parameter?: string } = {},
) {
	const parameter = options.parameter ?? 'container';
	const bucket = bucketOf(client, name, parameter);
	const context: GcsErrorContext = {
		config: client.config,
		bucket: name,
		bucketParameter: parameter,
		conflict: 'notEmpty',
	};
	if (options.force) {
		let pageToken: string | undefined;
		do {
			const [files, , response] = await call(
				() =>
					bucket.getFiles({
						autoPaginate: false,
						maxResults: DEFAULT_PAGE_SIZE,
						pageToken,
						versions: true,
					}),
				context,
			);
			for (const file of files) {
				const generation = file.metadata.generation;
				const target = generation === undefined ? file : bucket.file(file.name, { generation });
				await call(() => target.delete({ ignoreNotFound: true }), { ...context, key: file.name });
			}
			pageToken = (response as { nextPageToken?: string } | undefined)?.nextPageToken || undefined;
		} while (pageToken);
	}
	await call(() => bucket.delete(), context);
}

// ---- objects -------------------------------------------------------------------------

export interface ListObjectsPageOptions {
	prefix?: string;
	delimiter?: string;
	pageSize?: number;
	pageToken?: string;
}

export async function listObjectsPage(
	client: GcsClient,
	bucketName: string,
	options: ListObjectsPageOptions = {},
): Promise<ObjectPage> {
	const bucket = bucketOf(client, bucketName);
	return await call(
		async () => {
			const [files, , response] = await bucket.getFiles({
				autoPaginate: false,
				maxResults: options.pageSize ?? DEFAULT_PAGE_SIZE,
				pageToken: options.pageToken || undefined,
				prefix: options.prefix || undefined,
				delimiter: options.delimiter || undefined,
			});
			const body = (response ?? {}) as { nextPageToken?: string; prefixes?: string[] };
			return {
				objects: files.map((file) => objectInfo(file.metadata, bucketName, file.name)),
				prefixes: (body.prefixes ?? []).map((prefix) => ({ container: bucketName, prefix })),
				nextPageToken: body.nextPageToken || undefined,
			};
		},
		{ config: client.config, bucket: bucketName },
	);
}

/** Objects and prefixes in listing order, following pages up to `limit` (all when undefined). */
export async function listObjects(
	client: GcsClient,
	bucket: string,
	options: { prefix?: string; delimiter?: string; limit?: number } = {},
): Promise<Array<Record<string, unknown>>> {
	const results: Array<Record<string, unknown>> = [];
	let pageToken: string | undefined;
	do {
		const pageSize =
			options.limit === undefined
				? DEFAULT_PAGE_SIZE
				: Math.min(DEFAULT_PAGE_SIZE, options.limit - results.length);
		const page = await listObjectsPage(client, bucket, { ...options, pageSize, pageToken });
		for (const prefix of page.prefixes) results.push({ type: 'prefix', ...prefix });
		for (const object of page.objects) results.push({ type: 'object', ...object });
		pageToken = page.nextPageToken;
	} while (pageToken && (options.limit === undefined || results.length < options.limit));
	return options.limit === undefined ? results : results.slice(0, options.limit);
}

export async function getObject(
	client: GcsClient,
	bucket: string,
	key: string,
	names: { bucket?: string; key?: string } = {},
): Promise<ObjectInfo> {
	const file = fileOf(client, bucket, key, names);
	return await call(async () => objectInfo((await file.getMetadata())[0], bucket, key), {
		config: client.config,
		bucket,
		key,
		bucketParameter: names.bucket,
		keyParameter: names.key,
	});
}

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

/** A small upload in one request, through the SDK (which checks the CRC32C Google computed). */
async function uploadInOneRequest(
	file: File,
	body: UploadBody,
	metadata: FileMetadata,
	expectedMd5: string | undefined,
): Promise<{ resource: FileMetadata; md5?: string }> {
	const source = uploadStream(body);
	// MD5 of what is sent, only when the caller expects one (the SDK checks CRC32C anyway).
	const md5 = expectedMd5 ? createHash('md5') : undefined;
	const meter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			md5?.update(chunk);
			callback(null, chunk);
		},
	});
	const target = file.createWriteStream({ resumable: false, metadata });
	try {
		await (md5 ? pipeline(source, meter, target) : pipeline(source, target));
	} finally {
		if (!source.destroyed) source.destroy();
	}
	return { resource: file.metadata, md5: md5?.digest('hex') };
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
	const generation = await call(
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
	const context: GcsErrorContext = {
		config: client.config,
		bucket,
		key,
		bucketParameter: names.bucket,
		keyParameter: names.key,
	};
	const expectedMd5 = options.expectedMd5?.toLowerCase();
	let sent: { resource: FileMetadata; md5?: string; crc32c?: string; size?: number };
	let file: File;
	try {
		file = fileOf(client, bucket, key, names);
		if (expectedMd5 !== undefined && !/^[0-9a-f]{32}$/.test(expectedMd5)) {
			throw new InvalidNameError(
				'expectedMd5',
				`Invalid ${gcsLabel('expectedMd5')} "${options.expectedMd5}": it must be 32 hexadecimal characters`,
			);
		}
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
		const resumable =
			chunkSize !== undefined || options.size === undefined || options.size > threshold;
		const metadata = uploadMetadata(options, expectedMd5);
		sent = resumable
			? await uploadResumable(client, file, body, metadata, { ...options, expectedMd5 }, context)
			: await uploadInOneRequest(file, body, metadata, expectedMd5);
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
		await call(
			() =>
				file.delete({
					ignoreNotFound: true,
					...(generation ? { ifGenerationMatch: generation } : {}),
				}),
			context,
		);
		if (md5Mismatch) throw new HashMismatchError(key, expectedMd5, sent.md5 ?? '');
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

/** Streams an object (or a byte range of it); the range is checked against the object's size first. */
export async function downloadObject(
	client: GcsClient,
	bucket: string,
	key: string,
	range?: ByteRange,
	names: { bucket?: string; key?: string } = {},
): Promise<DownloadResult> {
	const info = await getObject(client, bucket, key, names);
	const context: GcsErrorContext = {
		config: client.config,
		bucket,
		key,
		bucketParameter: names.bucket,
		keyParameter: names.key,
	};
	// Read the generation just described, so that the bytes match the metadata returned.
	const generation = info.generation === undefined ? undefined : Number(info.generation);
	const file = client.storage
		.bucket(bucket)
		.file(key, generation === undefined || Number.isNaN(generation) ? {} : { generation });
	let source: Readable;
	let result = info;
	if (range && !(info.size === 0 && range.start === 0)) {
		const end = range.end ?? info.size - 1;
		if (
			!Number.isInteger(range.start) ||
			range.start < 0 ||
			range.start >= info.size ||
			end < range.start
		) {
			throw new InvalidNameError(
				'rangeStart',
				`The byte range ${range.start}-${range.end ?? ''} is outside the object (size ${info.size})`,
			);
		}
		const last = Math.min(end, info.size - 1);
		source = file.createReadStream({ start: range.start, end: last, validation: false });
		result = {
			...info,
			size: last - range.start + 1,
			range: `bytes ${range.start}-${last}/${info.size}`,
		};
	} else {
		source = file.createReadStream();
	}
	const stream = new PassThrough();
	source.on('error', (error) => stream.destroy(toGcsError(error, context)));
	stream.on('close', () => {
		if (!source.destroyed) source.destroy();
	});
	source.pipe(stream);
	return { info: result, stream };
}

export interface MetadataPatch {
	contentType?: string;
	cacheControl?: string;
	contentDisposition?: string;
	contentEncoding?: string;
	contentLanguage?: string;
	/** custom metadata to set; a null value removes the key */
	metadata?: Record<string, string | null>;
}

export async function updateObjectMetadata(
	client: GcsClient,
	bucket: string,
	key: string,
	patch: MetadataPatch,
	names: { bucket?: string; key?: string } = {},
): Promise<ObjectInfo> {
	const file = fileOf(client, bucket, key, names);
	const body: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(patch)) if (value !== undefined) body[field] = value;
	if (Object.keys(body).length === 0) {
		throw new InvalidNameError(
			'updateFields',
			`Invalid ${gcsLabel('updateFields')}: nothing to update; add at least one field or metadata entry`,
		);
	}
	return await call(async () => objectInfo((await file.setMetadata(body))[0], bucket, key), {
		config: client.config,
		bucket,
		key,
		bucketParameter: names.bucket,
		keyParameter: names.key,
	});
}

export interface ObjectRef {
	container: string;
	key: string;
}

/** Server-side copy (the SDK follows rewrite tokens for large or cross-location copies). */
export async function copyObject(
	client: GcsClient,
	source: ObjectRef,
	target: ObjectRef,
	names: {
		sourceBucket?: string;
		sourceKey?: string;
		targetBucket?: string;
		targetKey?: string;
	} = {},
): Promise<ObjectInfo> {
	const sourceNames = {
		bucket: names.sourceBucket ?? 'sourceContainer',
		key: names.sourceKey ?? 'sourceKey',
	};
	const targetNames = {
		bucket: names.targetBucket ?? 'targetContainer',
		key: names.targetKey ?? 'targetKey',
	};
	const from = fileOf(client, source.container, source.key, sourceNames);
	const to = fileOf(client, target.container, target.key, targetNames);
	try {
		const [copied, response] = await from.copy(to);
		const resource = (response as { resource?: FileMetadata } | undefined)?.resource;
		return objectInfo(resource ?? (await copied.getMetadata())[0], target.container, target.key);
	} catch (error) {
		const mapped = toGcsError(error, {
			config: client.config,
			bucket: source.container,
			key: source.key,
			bucketParameter: sourceNames.bucket,
			keyParameter: sourceNames.key,
		});
		if (mapped instanceof StorageError && mapped.code === 'ContainerNotFound') {
			// Which bucket is missing? Ask, rather than guess from the message.
			const sourceExists = await client.storage
				.bucket(source.container)
				.exists()
				.then(
					([exists]) => exists,
					() => true,
				);
			if (sourceExists) throw bucketNotFound(target.container, targetNames.bucket);
		}
		throw mapped;
	}
}

export async function deleteObject(
	client: GcsClient,
	bucket: string,
	key: string,
	names: { bucket?: string; key?: string } = {},
) {
	const file = fileOf(client, bucket, key, names);
	await call(() => file.delete(), {
		config: client.config,
		bucket,
		key,
		bucketParameter: names.bucket,
		keyParameter: names.key,
	});
}

export async function deleteObjects(client: GcsClient, bucket: string, keys: string[]) {
	const results: Array<{ key: string; deleted: boolean; error?: string }> = [];
	for (const key of keys) {
		try {
			await deleteObject(client, bucket, key);
			results.push({ key, deleted: true });
		} catch (error) {
			if (
				!(error instanceof StorageError) ||
				error.code === 'Auth' ||
				error.code === 'ContainerNotFound'
			)
				throw error;
			results.push({ key, deleted: false, error: error.message });
		}
	}
	return results;
}

export interface SignedUrlOptions {
	/** seconds, 1 to 604800 (7 days) */
	expiresIn: number;
	method: 'GET' | 'PUT';
	/** For PUT: the Content-Type the uploader must send. */
	contentType?: string;
}

/** A v4 signed URL, signed locally with the service account's key (no request is made). */
export async function signedUrl(
	client: GcsClient,
	bucket: string,
	key: string,
	options: SignedUrlOptions,
	names: { bucket?: string; key?: string; expiresIn?: string } = {},
): Promise<{ url: string; expiresAt: string }> {
	const file = fileOf(client, bucket, key, names);
	const { expiresIn } = options;
	if (
		typeof expiresIn !== 'number' ||
		!Number.isInteger(expiresIn) ||
		expiresIn < 1 ||
		expiresIn > MAX_SIGNED_URL_SECONDS
	) {
		throw new InvalidNameError(
			names.expiresIn ?? 'expiresIn',
			`Invalid ${gcsLabel(names.expiresIn ?? 'expiresIn')} ${String(expiresIn)}: a v4 signed URL lasts from 1 second to 7 days (${MAX_SIGNED_URL_SECONDS} seconds)`,
		);
	}
	if (options.method !== 'GET' && options.method !== 'PUT') {
		throw new InvalidNameError(
			'method',
			`Invalid ${gcsLabel('method')} "${String(options.method)}": use GET or PUT`,
		);
	}
	const expires = Date.now() + expiresIn * 1000;
	const [url] = await call(
		() =>
			file.getSignedUrl({
				version: 'v4',
				action: options.method === 'PUT' ? 'write' : 'read',
				expires,
				...(options.method === 'PUT' && options.contentType
					? { contentType: options.contentType }
					: {}),
			}),
		{ config: client.config, bucket, key },
	);
	return { url, expiresAt: new Date(expires).toISOString() };
}

export { bucketNotFound, objectNotFound };
