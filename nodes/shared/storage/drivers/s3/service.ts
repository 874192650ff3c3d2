import { Readable } from 'stream';
import type {
	_Object,
	CompletedPart,
	HeadObjectCommandOutput,
	ObjectCannedACL,
	S3Client,
	ServerSideEncryption,
	StorageClass,
} from '@aws-sdk/client-s3';

import type { ByteRange, ContainerInfo, ObjectInfo, PrefixInfo, UploadBody } from '../../driver';
import { HashMismatchError, StorageError } from '../../errors';
import { createS3Client, type S3ClientOptions } from './client';
import { readS3Config, secretsOf, type S3ConnectionConfig } from './config';
import { mapS3Error, type S3ErrorContext } from './errors';
import { assertExpiry, invalidInput, tagsToQuery } from './input';
import { loadPresigner, loadS3 } from './sdk';
import { PartPump, discardBody, isUploadFile, partReader } from '../../parts';

const MIB = 1024 * 1024;
/** Parts of a streamed upload; an upload no larger than one part is a single PUT. */
export const DEFAULT_PART_SIZE = 5 * MIB;
export const MIN_PART_SIZE = 5 * MIB;
export const DEFAULT_UPLOAD_CONCURRENCY = 4;
/** CopyObject's limit: larger objects are copied part by part (UploadPartCopy). */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 * MIB;
const COPY_PART_SIZE = 512 * MIB;
const MAX_PARTS = 10_000;
/** DeleteObjects takes at most this many keys per request. */
export const DELETE_BATCH_SIZE = 1000;
const MAX_LIST_PAGE = 1000;

export interface S3ObjectInfo extends ObjectInfo {
	storageClass?: string;
	versionId?: string;
	serverSideEncryption?: string;
	cacheControl?: string;
	contentDisposition?: string;
	contentEncoding?: string;
}

export interface S3ListOptions {
	prefix?: string;
	delimiter?: string;
	startAfter?: string;
	continuationToken?: string;
	/** 1-1000 */
	maxKeys?: number;
}

export interface S3ListPage {
	objects: S3ObjectInfo[];
	prefixes: PrefixInfo[];
	nextContinuationToken?: string;
}

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

export interface S3CopyOptions extends S3WriteOptions {
	/** Replace the metadata, content type and tags instead of copying them. */
	replaceMetadata?: boolean;
	/** Above this size the copy is multipart (default 5 GiB, CopyObject's limit). */
	multipartThreshold?: number;
	partSize?: number;
	concurrency?: number;
}

export interface DeleteResult {
	key: string;
	deleted: boolean;
	versionId?: string;
	error?: string;
}

export interface MultipartUploadInfo {
	key: string;
	uploadId: string;
	initiated?: string;
}

const unquote = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');
const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);

/** S3's ETag is the content's MD5 for single-part, non-KMS objects. */
function md5FromEtag(etag: string | undefined, sse?: string): string | undefined {
	return etag && /^[0-9a-f]{32}$/i.test(etag) && sse !== 'aws:kms' && sse !== 'aws:kms:dsse'
		? etag.toLowerCase()
		: undefined;
}

/** CopySource: "bucket/key", the key URL-encoded segment by segment. */
export function copySource(bucket: string, key: string): string {
	return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function writeParams(options: S3WriteOptions) {
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

/** Runs `worker` over `items` with at most `limit` running at once; stops at the first failure. */
async function pool<T, R>(
	items: T[],
	limit: number,
	worker: (item: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	let failed = false;
	const run = async () => {
		while (!failed && next < items.length) {
			const index = next++;
			try {
				results[index] = await worker(items[index]);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
	return results;
}

/**
 * Every S3 operation of the pack, written once: the S3 node's actions and the Cloud
 * Storage node's S3 driver both call these. Errors come out as the typed storage errors
 * (or S3RequestError) with no secret in them.
 */
export class S3Service {
	private readonly secrets: string[];

	constructor(
		readonly client: S3Client,
		readonly config: S3ConnectionConfig,
	) {
		this.secrets = secretsOf(config);
	}

	/** Builds the client from a `cloudPackS3Api` credential's data. */
	static async fromCredential(
		data: Record<string, unknown>,
		options: S3ClientOptions = {},
	): Promise<S3Service> {
		const config = readS3Config(data);
		return new S3Service(await createS3Client(config, options), config);
	}

	/** Closes the client's sockets. */
	destroy(): void {
		this.client.destroy();
	}

	private context(operation: string, bucket?: string, key?: string): S3ErrorContext {
		return { operation, bucket, key, endpoint: this.config.endpoint, secrets: this.secrets };
	}

	private async send<T>(command: unknown, context: S3ErrorContext): Promise<T> {
		try {
			return (await this.client.send(command as never)) as T;
		} catch (error) {
			throw mapS3Error(error, context);
		}
	}

	// ---- buckets ---------------------------------------------------------------------

	async listBuckets(): Promise<ContainerInfo[]> {
		const { ListBucketsCommand } = await loadS3();
		const buckets: ContainerInfo[] = [];
		let token: string | undefined;
		do {
			const page = await this.send<{
				Buckets?: Array<{ Name?: string; CreationDate?: Date; BucketRegion?: string }>;
				ContinuationToken?: string;
			}>(new ListBucketsCommand({ ContinuationToken: token }), this.context('ListBuckets'));
			for (const bucket of page.Buckets ?? []) {
				if (!bucket.Name) continue;
				buckets.push({
					name: bucket.Name,
					createdAt: iso(bucket.CreationDate),
					...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}),
				});
			}
			token =
				page.ContinuationToken && page.ContinuationToken !== token
					? page.ContinuationToken
					: undefined;
		} while (token);
		return buckets;
	}

	/** CreateBucket in `region` (the credential's by default); with `ifNotExists`, an existing bucket of yours is success. */
	async createBucket(
		name: string,
		options: { region?: string; ifNotExists?: boolean; acl?: string } = {},
	): Promise<{ created: boolean; container: ContainerInfo }> {
		const { CreateBucketCommand } = await loadS3();
		const region = options.region || this.config.region;
		try {
			await this.send(
				new CreateBucketCommand({
					Bucket: name,
					ACL: (options.acl || undefined) as never,
					// us-east-1 is S3's default location and must not be named.
					CreateBucketConfiguration:
						region && region !== 'us-east-1' ? { LocationConstraint: region as never } : undefined,
				}),
				this.context('CreateBucket', name),
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
			const existing = await this.getBucket(name);
			return { created: false, container: existing };
		}
	}

	/** HeadBucket: the bucket and its region; ContainerNotFoundError when it does not exist. */
	async getBucket(name: string): Promise<ContainerInfo> {
		const { HeadBucketCommand } = await loadS3();
		const head = await this.send<{ BucketRegion?: string }>(
			new HeadBucketCommand({ Bucket: name }),
			this.context('HeadBucket', name),
		);
		return {
			name,
			region: head.BucketRegion ?? (await this.getBucketRegion(name).catch(() => undefined)),
		};
	}

	/** The seed's bucket_exists: true, false, or true with `accessible: false` for someone else's bucket. */
	async bucketExists(
		name: string,
	): Promise<{ bucket: string; exists: boolean; accessible: boolean }> {
		try {
			await this.getBucket(name);
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

	async getBucketRegion(name: string): Promise<string> {
		const { GetBucketLocationCommand } = await loadS3();
		const answer = await this.send<{ LocationConstraint?: string }>(
			new GetBucketLocationCommand({ Bucket: name }),
			this.context('GetBucketLocation', name),
		);
		const location = answer.LocationConstraint || 'us-east-1';
		// S3's legacy name for Ireland.
		return location === 'EU' ? 'eu-west-1' : location;
	}

	/** DeleteBucket; with `force`, every object and unfinished multipart upload goes first. */
	async deleteBucket(
		name: string,
		options: { force?: boolean } = {},
	): Promise<{ deletedObjects: number }> {
		const { DeleteBucketCommand } = await loadS3();
		let deletedObjects = 0;
		if (options.force) {
			for (const upload of await this.listMultipartUploads(name))
				await this.abortMultipartUpload(name, upload.key, upload.uploadId);
			let token: string | undefined;
			do {
				const page = await this.listObjectsPage(name, {
					continuationToken: token,
					maxKeys: MAX_LIST_PAGE,
				});
				if (page.objects.length > 0) {
					const results = await this.deleteObjects(
						name,
						page.objects.map((object) => object.key),
					);
					const failed = results.find((result) => !result.deleted);
					if (failed)
						throw new StorageError(
							'ContainerNotEmpty',
							`Could not empty bucket "${name}": "${failed.key}": ${failed.error}`,
							'container',
						);
					deletedObjects += results.length;
				}
				token = page.nextContinuationToken;
			} while (token);
		}
		await this.send(new DeleteBucketCommand({ Bucket: name }), this.context('DeleteBucket', name));
		return { deletedObjects };
	}

	// ---- objects: listing and metadata ----------------------------------------------

	/** One ListObjectsV2 page. */
	async listObjectsPage(bucket: string, options: S3ListOptions = {}): Promise<S3ListPage> {
		const { ListObjectsV2Command } = await loadS3();
		const maxKeys = Math.max(1, Math.min(MAX_LIST_PAGE, options.maxKeys ?? MAX_LIST_PAGE));
		const page = await this.send<{
			Contents?: _Object[];
			CommonPrefixes?: Array<{ Prefix?: string }>;
			IsTruncated?: boolean;
			NextContinuationToken?: string;
		}>(
			new ListObjectsV2Command({
				Bucket: bucket,
				Prefix: options.prefix || undefined,
				Delimiter: options.delimiter || undefined,
				StartAfter: options.continuationToken ? undefined : options.startAfter || undefined,
				ContinuationToken: options.continuationToken || undefined,
				MaxKeys: maxKeys,
			}),
			this.context('ListObjectsV2', bucket),
		);
		const objects: S3ObjectInfo[] = (page.Contents ?? []).map((object) => {
			const etag = unquote(object.ETag);
			return {
				container: bucket,
				key: object.Key ?? '',
				size: object.Size ?? 0,
				lastModified: iso(object.LastModified),
				etag,
				md5: md5FromEtag(etag),
				storageClass: object.StorageClass,
			};
		});
		const prefixes = (page.CommonPrefixes ?? [])
			.filter((p) => p.Prefix)
			.map((p) => ({ container: bucket, prefix: p.Prefix! }));
		return {
			objects,
			prefixes,
			nextContinuationToken: page.IsTruncated ? page.NextContinuationToken : undefined,
		};
	}

	/**
	 * Objects (and common prefixes, in key order) over every page, up to `limit` entries. The
	 * next page is requested as soon as a page arrives, while the caller works on this one.
	 */
	async *listObjects(
		bucket: string,
		options: Omit<S3ListOptions, 'continuationToken' | 'maxKeys'> = {},
		limit?: number,
	) {
		let remaining = limit ?? Infinity;
		const fetchPage = (token: string | undefined) => {
			const page = this.listObjectsPage(bucket, {
				...options,
				continuationToken: token,
				maxKeys: Math.min(MAX_LIST_PAGE, remaining),
			});
			// Awaited below; a caller that stops early must not leave an unhandled rejection behind.
			page.catch(() => undefined);
			return page;
		};
		let pending: ReturnType<typeof fetchPage> | undefined = fetchPage(undefined);
		while (pending) {
			const page: S3ListPage = await pending;
			pending = undefined;
			const entries: Array<
				({ type: 'object' } & S3ObjectInfo) | ({ type: 'prefix' } & PrefixInfo)
			> = [
				...page.prefixes.map((prefix) => ({ type: 'prefix' as const, ...prefix })),
				...page.objects.map((object) => ({ type: 'object' as const, ...object })),
			].slice(0, remaining);
			remaining -= entries.length;
			if (page.nextContinuationToken && remaining > 0)
				pending = fetchPage(page.nextContinuationToken);
			for (const entry of entries) yield entry;
		}
	}

	private describe(
		bucket: string,
		key: string,
		head: Partial<HeadObjectCommandOutput>,
		size?: number,
	): S3ObjectInfo {
		const etag = unquote(head.ETag);
		return {
			container: bucket,
			key,
			size: size ?? head.ContentLength ?? 0,
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

	async headObject(bucket: string, key: string): Promise<S3ObjectInfo> {
		const { HeadObjectCommand } = await loadS3();
		const head = await this.send<HeadObjectCommandOutput>(
			new HeadObjectCommand({ Bucket: bucket, Key: key }),
			this.context('HeadObject', bucket, key),
		);
		return this.describe(bucket, key, head);
	}

	// ---- objects: transfer ---------------------------------------------------------

	/**
	 * Uploads `body` (a stream, or n8n's file read by position): one PutObject when it fits
	 * in a part, else a multipart upload with `concurrency` parts in flight, from a fixed pool
	 * of `concurrency + 1` part buffers (see storage/parts.ts for why not lib-storage).
	 * On any failure — the input, a part, an MD5 mismatch — the multipart upload is aborted,
	 * so nothing incomplete is left behind.
	 */
	async upload(
		bucket: string,
		key: string,
		body: UploadBody,
		options: S3UploadOptions = {},
	): Promise<S3ObjectInfo> {
		const requested = options.partSize ?? DEFAULT_PART_SIZE;
		if (requested < MIN_PART_SIZE) {
			discardBody(body);
			throw invalidInput('partSize', `a part must be at least 5 MiB, not ${requested} bytes`);
		}
		const known = isUploadFile(body) ? body.size : options.size;
		const partSize = Math.max(requested, known ? Math.ceil(known / MAX_PARTS / MIB) * MIB : 0);
		const concurrency = Math.max(
			1,
			Math.min(32, Math.floor(options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY)),
		);
		const expected = options.expectedMd5?.toLowerCase();
		const pump = new PartPump(partReader(body), { partSize, concurrency, md5: Boolean(expected) });
		const checkMd5 = () => {
			if (expected && pump.md5 !== expected)
				throw new HashMismatchError(key, expected, pump.md5 ?? '');
		};
		const {
			PutObjectCommand,
			CreateMultipartUploadCommand,
			UploadPartCommand,
			CompleteMultipartUploadCommand,
		} = await loadS3();
		let uploadId: string | undefined;
		try {
			const first = await pump.first();
			let result: { ETag?: string; VersionId?: string };
			if (first.final) {
				checkMd5();
				result = await this.send(
					new PutObjectCommand({
						Bucket: bucket,
						Key: key,
						Body: first.data,
						ContentLength: first.data.length,
						...writeParams(options),
					}),
					this.context('PutObject', bucket, key),
				);
			} else {
				const created = await this.send<{ UploadId?: string }>(
					new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...writeParams(options) }),
					this.context('CreateMultipartUpload', bucket, key),
				);
				uploadId = created.UploadId;
				if (!uploadId) throw new Error(`S3 started no multipart upload for "${key}" (no UploadId)`);
				const parts = await pump.sendAll(async (part) => {
					const answer = await this.send<{ ETag?: string }>(
						new UploadPartCommand({
							Bucket: bucket,
							Key: key,
							UploadId: uploadId,
							PartNumber: part.number,
							Body: part.data,
							ContentLength: part.data.length,
						}),
						this.context('UploadPart', bucket, key),
					);
					return { PartNumber: part.number, ETag: answer.ETag };
				});
				// Before completing: a mismatch aborts, and nothing is kept.
				checkMd5();
				result = await this.send(
					new CompleteMultipartUploadCommand({
						Bucket: bucket,
						Key: key,
						UploadId: uploadId,
						MultipartUpload: { Parts: parts },
					}),
					this.context('CompleteMultipartUpload', bucket, key),
				);
			}
			const etag = unquote(result.ETag);
			return {
				container: bucket,
				key,
				size: pump.size,
				etag,
				md5: expected ?? md5FromEtag(etag, options.serverSideEncryption),
				contentType: options.contentType,
				metadata: options.metadata ?? {},
				versionId: result.VersionId,
				storageClass: options.storageClass || 'STANDARD',
				serverSideEncryption: options.serverSideEncryption,
				multipart: etag?.includes('-') ?? false,
			};
		} catch (error) {
			if (uploadId) await this.abortMultipartUpload(bucket, key, uploadId).catch(() => undefined);
			throw mapS3Error(error, this.context('upload', bucket, key));
		} finally {
			await pump.close();
		}
	}

	/** The seed's upload_data: text or bytes already in memory. */
	async uploadData(
		bucket: string,
		key: string,
		data: string | Buffer,
		options: S3WriteOptions = {},
	): Promise<S3ObjectInfo> {
		const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
		return await this.upload(bucket, key, Readable.from([buffer]), {
			...options,
			size: buffer.length,
		});
	}

	/** GetObject, optionally a byte range; the body is a stream, never buffered. */
	async download(
		bucket: string,
		key: string,
		range?: ByteRange,
	): Promise<{ info: S3ObjectInfo; stream: Readable }> {
		const { GetObjectCommand } = await loadS3();
		if (range && (range.start < 0 || (range.end !== undefined && range.end < range.start))) {
			throw invalidInput('range', `${range.start}-${range.end ?? ''} is not a valid byte range`);
		}
		const answer = await this.send<
			HeadObjectCommandOutput & { Body?: unknown; ContentRange?: string }
		>(
			new GetObjectCommand({
				Bucket: bucket,
				Key: key,
				Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
			}),
			this.context('GetObject', bucket, key),
		);
		const body = answer.Body;
		const stream =
			body instanceof Readable
				? body
				: body
					? Readable.from(body as AsyncIterable<Uint8Array>)
					: Readable.from([]);
		const info = this.describe(bucket, key, answer);
		if (range) {
			info.range = answer.ContentRange;
			const total = Number(/\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1]);
			if (Number.isFinite(total)) info.objectSize = total;
			// A range's ETag still names the whole object; its MD5 does not describe these bytes.
			info.md5 = undefined;
		}
		return { info, stream };
	}

	/** Server-side copy, across buckets too; objects above 5 GiB (or `multipartThreshold`) part by part. */
	async copy(
		source: { bucket: string; key: string },
		target: { bucket: string; key: string },
		options: S3CopyOptions = {},
	): Promise<S3ObjectInfo> {
		const head = await this.headObject(source.bucket, source.key).catch((error) => {
			throw mapS3Error(error, this.context('CopyObject', source.bucket, source.key));
		});
		const threshold = options.multipartThreshold ?? MAX_SINGLE_COPY_BYTES;
		if (head.size > threshold) return await this.multipartCopy(source, target, head, options);
		const { CopyObjectCommand } = await loadS3();
		const replace = options.replaceMetadata === true;
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
		const answer = await this.send<{
			CopyObjectResult?: { ETag?: string; LastModified?: Date };
			VersionId?: string;
		}>(
			new CopyObjectCommand({
				Bucket: target.bucket,
				Key: target.key,
				CopySource: copySource(source.bucket, source.key),
				MetadataDirective: replace ? 'REPLACE' : 'COPY',
				TaggingDirective: replace && options.tags ? 'REPLACE' : undefined,
				...params,
			}),
			this.context('CopyObject', target.bucket, target.key),
		);
		const etag = unquote(answer.CopyObjectResult?.ETag) ?? head.etag;
		return {
			...head,
			container: target.bucket,
			key: target.key,
			etag,
			md5: md5FromEtag(etag, options.serverSideEncryption ?? head.serverSideEncryption) ?? head.md5,
			lastModified: iso(answer.CopyObjectResult?.LastModified) ?? head.lastModified,
			versionId: answer.VersionId,
			contentType: replace ? (options.contentType ?? head.contentType) : head.contentType,
			metadata: replace ? (options.metadata ?? {}) : head.metadata,
			source: { bucket: source.bucket, key: source.key },
		};
	}

	private async multipartCopy(
		source: { bucket: string; key: string },
		target: { bucket: string; key: string },
		head: S3ObjectInfo,
		options: S3CopyOptions,
	): Promise<S3ObjectInfo> {
		const { CreateMultipartUploadCommand, UploadPartCopyCommand, CompleteMultipartUploadCommand } =
			await loadS3();
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
		const context = this.context('multipart copy', target.bucket, target.key);
		const created = await this.send<{ UploadId?: string }>(
			new CreateMultipartUploadCommand({
				Bucket: target.bucket,
				Key: target.key,
				...writeParams(properties),
			}),
			context,
		);
		const uploadId = created.UploadId!;
		try {
			const ranges: Array<{ partNumber: number; start: number; end: number }> = [];
			for (let start = 0, partNumber = 1; start < head.size; start += partSize, partNumber++) {
				ranges.push({ partNumber, start, end: Math.min(start + partSize, head.size) - 1 });
			}
			const parts: CompletedPart[] = await pool(
				ranges,
				options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY,
				async (range) => {
					const answer = await this.send<{ CopyPartResult?: { ETag?: string } }>(
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
			const done = await this.send<{ ETag?: string; VersionId?: string }>(
				new CompleteMultipartUploadCommand({
					Bucket: target.bucket,
					Key: target.key,
					UploadId: uploadId,
					MultipartUpload: { Parts: parts },
				}),
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
			await this.abortMultipartUpload(target.bucket, target.key, uploadId).catch(() => undefined);
			throw error;
		}
	}

	// ---- objects: deletion ---------------------------------------------------------

	/** DeleteObject. S3 answers the same whether or not the key existed. */
	async deleteObject(bucket: string, key: string, versionId?: string): Promise<void> {
		const { DeleteObjectCommand } = await loadS3();
		await this.send(
			new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId || undefined }),
			this.context('DeleteObject', bucket, key),
		);
	}

	/** DeleteObjects in batches of 1,000; every key gets a result, failures included. */
	async deleteObjects(bucket: string, keys: string[]): Promise<DeleteResult[]> {
		const { DeleteObjectsCommand } = await loadS3();
		const results: DeleteResult[] = [];
		for (let offset = 0; offset < keys.length; offset += DELETE_BATCH_SIZE) {
			const batch = keys.slice(offset, offset + DELETE_BATCH_SIZE);
			const answer = await this.send<{
				Deleted?: Array<{ Key?: string; VersionId?: string }>;
				Errors?: Array<{ Key?: string; Code?: string; Message?: string }>;
			}>(
				new DeleteObjectsCommand({
					Bucket: bucket,
					Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false },
				}),
				this.context('DeleteObjects', bucket),
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

	// ---- multipart uploads ---------------------------------------------------------

	async listMultipartUploads(bucket: string, prefix?: string): Promise<MultipartUploadInfo[]> {
		const { ListMultipartUploadsCommand } = await loadS3();
		const uploads: MultipartUploadInfo[] = [];
		let keyMarker: string | undefined;
		let uploadIdMarker: string | undefined;
		for (;;) {
			const page = await this.send<{
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
				this.context('ListMultipartUploads', bucket),
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

	async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
		const { AbortMultipartUploadCommand } = await loadS3();
		try {
			await this.send(
				new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
				this.context('AbortMultipartUpload', bucket, key),
			);
		} catch (error) {
			// Already gone (aborted before, or completed) is what we wanted.
			if (error instanceof StorageError && error.code === 'ObjectNotFound') return;
			if ((error as { code?: string }).code === 'NoSuchUpload') return;
			throw error;
		}
	}

	// ---- presigned URLs and tags ---------------------------------------------------

	/** A SigV4 presigned URL for GET (download) or PUT (upload), valid 1 s to 7 days. */
	async presign(
		bucket: string,
		key: string,
		options: { method: 'GET' | 'PUT'; expiresIn: number; contentType?: string },
	): Promise<string> {
		assertExpiry(options.expiresIn);
		const [{ GetObjectCommand, PutObjectCommand }, { getSignedUrl }] = await Promise.all([
			loadS3(),
			loadPresigner(),
		]);
		const command =
			options.method === 'PUT'
				? new PutObjectCommand({
						Bucket: bucket,
						Key: key,
						ContentType: options.contentType || undefined,
					})
				: new GetObjectCommand({ Bucket: bucket, Key: key });
		try {
			return await getSignedUrl(this.client, command as never, {
				expiresIn: options.expiresIn,
				// The presigner leaves Content-Type unsigned unless told: signed, the uploader must send it.
				signableHeaders:
					options.method === 'PUT' && options.contentType ? new Set(['content-type']) : undefined,
			});
		} catch (error) {
			throw mapS3Error(error, this.context('presign', bucket, key));
		}
	}

	async getTags(bucket: string, key: string): Promise<Record<string, string>> {
		const { GetObjectTaggingCommand } = await loadS3();
		const answer = await this.send<{ TagSet?: Array<{ Key?: string; Value?: string }> }>(
			new GetObjectTaggingCommand({ Bucket: bucket, Key: key }),
			this.context('GetObjectTagging', bucket, key),
		);
		return Object.fromEntries(
			(answer.TagSet ?? []).filter((tag) => tag.Key).map((tag) => [tag.Key!, tag.Value ?? '']),
		);
	}

	/** PutObjectTagging: replaces the object's whole tag set. */
	async setTags(bucket: string, key: string, tags: Record<string, string>): Promise<void> {
		const { PutObjectTaggingCommand } = await loadS3();
		await this.send(
			new PutObjectTaggingCommand({
				Bucket: bucket,
				Key: key,
				Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
			}),
			this.context('PutObjectTagging', bucket, key),
		);
	}
}
