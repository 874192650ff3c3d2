import { createHash } from 'crypto';
import type {
	BlockBlobClient,
	BlobBeginCopyFromURLOptions,
	BlobGetPropertiesResponse,
	BlobHTTPHeaders,
	BlobItem,
} from '@azure/storage-blob';
import type { Readable } from 'stream';

import type { DownloadOptions, UploadBody } from '../../driver';
import { hashCheckOutput, md5Hash, ObjectChangedError, resumableDownload } from '../../download';
import { InvalidNameError } from '../../errors';
import { assertMd5, readExpectedMd5 } from '../../md5';
import { PartPump, discardBody, isUploadFile, partReader, sendCheckedPart } from '../../parts';
import { baseContext, type AzureConnection } from './client';
import { MAX_PAGE_SIZE } from './containers';
import { azureCall, type AzureErrorContext } from './errors';
import {
	assertAccessTier,
	assertBlobName,
	assertContainerName,
	lowerKeys,
	type AccessTier,
} from './names';

/** A blob as the Azure operations report it. */
export interface AzureBlobInfo {
	container: string;
	name: string;
	size: number;
	contentType?: string;
	contentEncoding?: string;
	contentLanguage?: string;
	contentDisposition?: string;
	cacheControl?: string;
	/** hex MD5 of the whole blob, when Azure has it */
	md5?: string;
	etag?: string;
	lastModified?: string;
	createdOn?: string;
	blobType?: string;
	accessTier?: string;
	archiveStatus?: string;
	metadata: Record<string, string>;
	tags?: Record<string, string>;
	snapshot?: string;
	versionId?: string;
	copyStatus?: string;
	copyId?: string;
	[extra: string]: unknown;
}

/** Names of the parameters the caller shows, for errors; defaults are the Cloud Storage node's. */
export interface BlobNaming {
	containerParameter?: string;
	containerLabel?: string;
	blobParameter?: string;
	blobLabel?: string;
}

export const DEFAULT_BLOCK_SIZE = 8 * 1024 * 1024;
export const DEFAULT_CONCURRENCY = 5;
/** Azure's limits for a block blob: 50,000 blocks of at most 4000 MiB. */
const MAX_BLOCKS = 50_000;
const MAX_BLOCK_SIZE = 4000 * 1024 * 1024;
const MIB = 1024 * 1024;

function iso(date: Date | undefined): string | undefined {
	return date ? date.toISOString() : undefined;
}

function hex(md5: Uint8Array | undefined): string | undefined {
	return md5 && md5.length > 0 ? Buffer.from(md5).toString('hex') : undefined;
}

function check(container: string, blob: string, naming: BlobNaming): void {
	assertContainerName(container, naming.containerParameter ?? 'container', naming.containerLabel);
	assertBlobName(blob, naming.blobParameter ?? 'key', naming.blobLabel);
}

function contextFor(
	connection: AzureConnection,
	container: string,
	blob: string,
	naming: BlobNaming,
): AzureErrorContext {
	return {
		...baseContext(connection),
		container,
		blob,
		containerParameter: naming.containerParameter,
		blobParameter: naming.blobParameter,
	};
}

/** The properties a Get Properties answer and a listed blob item both carry. */
interface CommonProperties {
	contentLength?: number;
	contentType?: string;
	contentEncoding?: string;
	contentLanguage?: string;
	contentDisposition?: string;
	cacheControl?: string;
	contentMD5?: Uint8Array;
	etag?: string;
	lastModified?: Date;
	createdOn?: Date;
	blobType?: string;
	accessTier?: string;
	archiveStatus?: string;
}

function blobInfo(
	container: string,
	name: string,
	properties: CommonProperties,
	metadata: Record<string, string> | undefined,
): AzureBlobInfo {
	return {
		container,
		name,
		size: properties.contentLength ?? 0,
		contentType: properties.contentType,
		contentEncoding: properties.contentEncoding,
		contentLanguage: properties.contentLanguage,
		contentDisposition: properties.contentDisposition,
		cacheControl: properties.cacheControl,
		md5: hex(properties.contentMD5),
		etag: properties.etag,
		lastModified: iso(properties.lastModified),
		createdOn: iso(properties.createdOn),
		blobType: properties.blobType,
		accessTier: properties.accessTier,
		archiveStatus: properties.archiveStatus,
		metadata: lowerKeys(metadata),
	};
}

export function blobInfoFromProperties(
	container: string,
	name: string,
	properties: BlobGetPropertiesResponse,
): AzureBlobInfo {
	return {
		...blobInfo(container, name, properties, properties.metadata),
		versionId: properties.versionId,
		copyStatus: properties.copyStatus,
		copyId: properties.copyId,
	};
}

export function blobInfoFromItem(container: string, item: BlobItem): AzureBlobInfo {
	return {
		...blobInfo(container, item.name, item.properties, item.metadata),
		...(item.tags ? { tags: item.tags } : {}),
		...(item.snapshot ? { snapshot: item.snapshot } : {}),
		...(item.versionId ? { versionId: item.versionId } : {}),
	};
}

// ---- list ------------------------------------------------------------------------------

export interface BlobListOptions {
	prefix?: string;
	/** Groups names sharing a prefix up to it into `prefixes` (virtual folders). */
	delimiter?: string;
	pageSize?: number;
	pageToken?: string;
	includeMetadata?: boolean;
	includeSnapshots?: boolean;
	includeTags?: boolean;
}

export interface BlobPage {
	blobs: AzureBlobInfo[];
	prefixes: string[];
	nextPageToken?: string;
}

/** One page of List Blobs, flat or by hierarchy. */
export async function listBlobsPage(
	connection: AzureConnection,
	container: string,
	options: BlobListOptions = {},
	naming: BlobNaming = {},
): Promise<BlobPage> {
	assertContainerName(container, naming.containerParameter ?? 'container', naming.containerLabel);
	const client = connection.service.getContainerClient(container);
	const include = {
		prefix: options.prefix || undefined,
		includeMetadata: options.includeMetadata,
		includeSnapshots: options.includeSnapshots,
		includeTags: options.includeTags,
	};
	const settings = {
		continuationToken: options.pageToken || undefined,
		maxPageSize: Math.max(1, Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE)),
	};
	return await azureCall(contextFor(connection, container, '', naming), async () => {
		if (options.delimiter) {
			const result = await client
				.listBlobsByHierarchy(options.delimiter, include)
				.byPage(settings)
				.next();
			const value = result.done ? undefined : result.value;
			return {
				blobs: (value?.segment.blobItems ?? []).map((item) => blobInfoFromItem(container, item)),
				prefixes: (value?.segment.blobPrefixes ?? []).map((prefix) => prefix.name),
				nextPageToken: value?.continuationToken || undefined,
			};
		}
		const result = await client.listBlobsFlat(include).byPage(settings).next();
		const value = result.done ? undefined : result.value;
		return {
			blobs: (value?.segment.blobItems ?? []).map((item) => blobInfoFromItem(container, item)),
			prefixes: [],
			nextPageToken: value?.continuationToken || undefined,
		};
	});
}

// ---- properties, tier, delete ------------------------------------------------------------

export async function getBlobProperties(
	connection: AzureConnection,
	container: string,
	blob: string,
	options: { includeTags?: boolean } = {},
	naming: BlobNaming = {},
): Promise<AzureBlobInfo> {
	check(container, blob, naming);
	const client = connection.service.getContainerClient(container).getBlobClient(blob);
	return await azureCall(contextFor(connection, container, blob, naming), async () => {
		const info = blobInfoFromProperties(container, blob, await client.getProperties());
		if (options.includeTags) info.tags = (await client.getTags()).tags;
		return info;
	});
}

export async function setAccessTier(
	connection: AzureConnection,
	container: string,
	blob: string,
	tier: AccessTier,
	options: {
		rehydratePriority?: 'Standard' | 'High';
		tierParameter?: string;
		tierLabel?: string;
	} = {},
	naming: BlobNaming = {},
): Promise<AzureBlobInfo> {
	check(container, blob, naming);
	assertAccessTier(tier, options.tierParameter ?? 'tier', options.tierLabel);
	const client = connection.service.getContainerClient(container).getBlobClient(blob);
	return await azureCall(contextFor(connection, container, blob, naming), async () => {
		await client.setAccessTier(tier, {
			rehydratePriority: tier === 'Archive' ? undefined : options.rehydratePriority,
		});
		return blobInfoFromProperties(container, blob, await client.getProperties());
	});
}

export type DeleteSnapshots = 'include' | 'only' | 'none';

/** Deletes a blob; `include` deletes its snapshots with it, `only` just its snapshots. */
export async function deleteBlob(
	connection: AzureConnection,
	container: string,
	blob: string,
	options: { deleteSnapshots?: DeleteSnapshots } = {},
	naming: BlobNaming = {},
): Promise<void> {
	check(container, blob, naming);
	const snapshots = options.deleteSnapshots ?? 'include';
	const client = connection.service.getContainerClient(container).getBlobClient(blob);
	await azureCall(contextFor(connection, container, blob, naming), async () => {
		await client.delete({ deleteSnapshots: snapshots === 'none' ? undefined : snapshots });
	});
}

// ---- upload ----------------------------------------------------------------------------

export interface BlobUploadOptions {
	contentType?: string;
	contentDisposition?: string;
	cacheControl?: string;
	contentEncoding?: string;
	metadata?: Record<string, string>;
	tags?: Record<string, string>;
	tier?: AccessTier;
	/** Refuse to replace an existing blob. */
	ifNotExists?: boolean;
	/** hex MD5 the content must have: a mismatch is detected before the commit, so nothing is written. */
	expectedMd5?: string;
	/** Known size in bytes: large uploads get blocks big enough to stay under 50,000. */
	size?: number;
	blockSize?: number;
	concurrency?: number;
}

/** Block size: the requested one, grown when the known size would need more than 50,000 blocks. */
export function chooseBlockSize(requested: number | undefined, size: number | undefined): number {
	let blockSize = Math.max(requested ?? DEFAULT_BLOCK_SIZE, MIB);
	if (size !== undefined && size > blockSize * MAX_BLOCKS)
		blockSize = Math.ceil(size / MAX_BLOCKS / MIB) * MIB;
	return Math.min(blockSize, MAX_BLOCK_SIZE);
}

/**
 * Uploads a block blob: one Put Blob when it fits in a block, else staged blocks of
 * `blockSize`, `concurrency` in flight from a fixed pool of block buffers (see
 * storage/parts.ts), then one commit. If the input fails, a block is refused or the MD5
 * does not match, the commit never happens: no blob is written and an existing blob keeps
 * its content (staged blocks that are never committed are discarded by Azure).
 */
export async function uploadBlob(
	connection: AzureConnection,
	container: string,
	blob: string,
	body: UploadBody,
	options: BlobUploadOptions = {},
	naming: BlobNaming = {},
): Promise<AzureBlobInfo> {
	let expected: string | undefined;
	try {
		check(container, blob, naming);
		if (options.tier) assertAccessTier(options.tier);
		expected = readExpectedMd5(options.expectedMd5);
	} catch (error) {
		discardBody(body);
		throw error;
	}
	const headers: BlobHTTPHeaders = {
		blobContentType: options.contentType || undefined,
		blobContentDisposition: options.contentDisposition || undefined,
		blobCacheControl: options.cacheControl || undefined,
		blobContentEncoding: options.contentEncoding || undefined,
	};
	const common = {
		metadata:
			options.metadata && Object.keys(options.metadata).length > 0 ? options.metadata : undefined,
		tags: options.tags && Object.keys(options.tags).length > 0 ? options.tags : undefined,
		tier: options.tier,
		conditions: options.ifNotExists ? { ifNoneMatch: '*' } : undefined,
	};
	const client = connection.service.getContainerClient(container).getBlockBlobClient(blob);
	const blockSize = chooseBlockSize(
		options.blockSize,
		isUploadFile(body) ? body.size : options.size,
	);
	const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, 64));
	const pump = new PartPump(partReader(body), { partSize: blockSize, concurrency, md5: true });
	/** Sets the MD5 Azure stores with the blob; refuses a mismatch before anything is committed. */
	const sealMd5 = () => {
		const md5 = pump.md5 ?? '';
		assertMd5(blob, expected, md5);
		headers.blobContentMD5 = Buffer.from(md5, 'hex');
		return md5;
	};
	let md5 = '';
	let staged = false;
	const response = await azureCall(contextFor(connection, container, blob, naming), async () => {
		try {
			const first = await pump.first();
			if (first.final) {
				md5 = sealMd5();
				return await sendCheckedPart(
					async () =>
						await client.upload(first.data, first.data.length, {
							blobHTTPHeaders: headers,
							// Azure checks it and keeps nothing when a byte was damaged on the way
							transactionalContentMD5: headers.blobContentMD5,
							...common,
						}),
					arrivedDamaged,
				);
			}
			const blockIds = await pump.sendAll(async (part) => {
				// Block ids must all have the same length: the zero-padded part number.
				const id = Buffer.from(String(part.number).padStart(6, '0')).toString('base64');
				const blockMd5 = createHash('md5').update(part.data).digest();
				await sendCheckedPart(
					async () =>
						await client.stageBlock(id, part.data, part.data.length, {
							transactionalContentMD5: blockMd5,
						}),
					arrivedDamaged,
				);
				staged = true;
				return id;
			});
			md5 = sealMd5();
			return await client.commitBlockList(blockIds, { blobHTTPHeaders: headers, ...common });
		} catch (error) {
			if (staged) await discardStagedBlocks(client).catch(() => undefined);
			throw error;
		} finally {
			await pump.close();
		}
	});
	return {
		container,
		name: blob,
		size: pump.size,
		contentType: headers.blobContentType,
		md5,
		etag: response.etag,
		lastModified: iso(response.lastModified),
		metadata: lowerKeys(common.metadata),
		...(common.tags ? { tags: common.tags } : {}),
		...(options.tier ? { accessTier: options.tier } : {}),
		...(response.versionId ? { versionId: response.versionId } : {}),
	};
}

/** Azure refused a request whose Content-MD5 did not match the bytes that arrived. */
function arrivedDamaged(error: unknown): boolean {
	const code = (error as { code?: unknown; details?: { errorCode?: unknown } }).code;
	return (
		code === 'Md5Mismatch' ||
		(error as { details?: { errorCode?: unknown } }).details?.errorCode === 'Md5Mismatch'
	);
}

/**
 * Drops the uncommitted blocks a failed upload staged, when the blob does not exist (a blob
 * that exists keeps its content; Azure drops its uncommitted blocks at its next commit, or
 * after a week). An empty Put Blob discards a blob's uncommitted blocks (If-None-Match: * is
 * refused there: staged blocks count as a blob); the empty blob is then deleted, and only if
 * it is still that one (nobody wrote meanwhile).
 */
async function discardStagedBlocks(client: BlockBlobClient): Promise<void> {
	if (await client.exists()) return;
	const empty = await client.upload(Buffer.alloc(0), 0);
	await client.delete({ conditions: { ifMatch: empty.etag } });
}

// ---- download --------------------------------------------------------------------------

export interface BlobDownload {
	info: AzureBlobInfo & { range?: string; hashChecked?: string; hashNotChecked?: string };
	stream: Readable;
}

/**
 * Streams a blob, or the bytes `start`..`end` (inclusive; to the end when `end` is absent),
 * through the shared download path: a dropped or stalled body is asked again from the next
 * byte with If-Match on the first answer's ETag, and a whole blob is checked against its
 * Content-MD5 as the bytes pass.
 */
export async function downloadBlob(
	connection: AzureConnection,
	container: string,
	blob: string,
	range?: { start: number; end?: number },
	naming: BlobNaming = {},
	options: DownloadOptions = {},
): Promise<BlobDownload> {
	check(container, blob, naming);
	if (range && (!Number.isInteger(range.start) || range.start < 0)) {
		throw new InvalidNameError(
			'rangeStart',
			`Invalid "Range Start": ${range.start} must be a whole number from 0`,
		);
	}
	if (range?.end !== undefined && (!Number.isInteger(range.end) || range.end < range.start)) {
		throw new InvalidNameError(
			'rangeEnd',
			`Invalid "Range End": ${range.end} is before "Range Start" (${range.start})`,
		);
	}
	const client = connection.service.getContainerClient(container).getBlobClient(blob);
	const context = contextFor(connection, container, blob, naming);
	const offset = range?.start ?? 0;
	const count = range?.end !== undefined ? range.end - range.start + 1 : undefined;
	// From offset 0 without a count the SDK sends no Range header, so empty blobs download too.
	// The SDK's own resuming is off (maxRetryRequests 0): the shared path resumes instead.
	const response = await azureCall(
		context,
		async () => await client.download(offset, count, { maxRetryRequests: 0 }),
	);
	const body = response.readableStreamBody as Readable | undefined;
	if (!body) throw new Error('The Azure SDK returned no body stream (browser build?)');
	const length = response.contentLength ?? 0;
	const info: BlobDownload['info'] = {
		container,
		name: blob,
		size: length,
		contentType: response.contentType,
		contentEncoding: response.contentEncoding,
		contentLanguage: response.contentLanguage,
		contentDisposition: response.contentDisposition,
		cacheControl: response.cacheControl,
		md5: hex(response.blobContentMD5) ?? (range ? undefined : hex(response.contentMD5)),
		etag: response.etag,
		lastModified: iso(response.lastModified),
		createdOn: iso(response.createdOn),
		blobType: response.blobType,
		metadata: lowerKeys(response.metadata),
		...(response.contentRange ? { range: response.contentRange } : {}),
	};
	const expectedHash =
		options.verifyHash !== false && !range && info.md5 ? md5Hash(info.md5) : undefined;
	const reopen = async (from: number, last = offset + length - 1) => {
		try {
			const again = await azureCall(
				context,
				async () =>
					await client.download(from, last - from + 1, {
						maxRetryRequests: 0,
						conditions: { ifMatch: response.etag },
					}),
			);
			return again.readableStreamBody as Readable;
		} catch (error) {
			if ((error as { status?: number }).status === 412) throw new ObjectChangedError(blob);
			throw error;
		}
	};
	const stream = resumableDownload({
		key: blob,
		body,
		start: offset,
		length,
		reopen,
		openRange: reopen,
		ranges: options.ranges,
		expectedHash,
		policy: options.policy,
	});
	Object.assign(info, hashCheckOutput(expectedHash, range, options));
	return { info, stream };
}

// ---- copy ------------------------------------------------------------------------------

export type CopySource = { container: string; blob: string } | { url: string };

export interface CopyOptions {
	/** Wait until Azure reports the copy finished (same-account copies finish at once). */
	waitForCompletion?: boolean;
	/** Replaces the source's metadata on the copy. */
	metadata?: Record<string, string>;
	tier?: AccessTier;
	/** ms between status checks of a pending copy */
	pollIntervalMs?: number;
	/** Parameter names of the source for errors. */
	sourceNaming?: BlobNaming;
	sourceUrlParameter?: string;
}

function redactUrl(url: string): string {
	const cut = url.indexOf('?');
	return cut >= 0 ? url.slice(0, cut) : url;
}

/**
 * Server-side copy into `target`: from a blob of this account (its properties are read
 * first, so a missing source is reported as such) or from any URL Azure can read (public or
 * carrying its own SAS).
 */
export async function copyBlob(
	connection: AzureConnection,
	source: CopySource,
	target: { container: string; blob: string },
	options: CopyOptions = {},
	naming: BlobNaming = {},
): Promise<AzureBlobInfo & { copySource: string }> {
	check(target.container, target.blob, naming);
	let sourceUrl: string;
	let sourceEtag: string | undefined;
	const sourceContext: AzureErrorContext['source'] = {};
	if ('url' in source) {
		const urlParameter = options.sourceUrlParameter ?? 'sourceUrl';
		let parsed: URL | undefined;
		try {
			parsed = new URL(source.url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
			throw new InvalidNameError(
				urlParameter,
				`Invalid "Source URL": "${redactUrl(source.url)}" is not an http(s) URL`,
			);
		}
		sourceUrl = parsed.href;
		sourceContext.url = redactUrl(sourceUrl);
	} else {
		const sourceNaming: BlobNaming = {
			containerParameter: 'sourceContainer',
			blobParameter: 'sourceKey',
			...options.sourceNaming,
		};
		const info = await getBlobProperties(
			connection,
			source.container,
			source.blob,
			{},
			sourceNaming,
		);
		sourceEtag = info.etag;
		sourceUrl = connection.service
			.getContainerClient(source.container)
			.getBlobClient(source.blob).url;
		Object.assign(sourceContext, {
			container: source.container,
			blob: source.blob,
			blobParameter: sourceNaming.blobParameter,
		});
	}
	const client = connection.service.getContainerClient(target.container).getBlobClient(target.blob);
	const copyOptions: BlobBeginCopyFromURLOptions = {
		metadata:
			options.metadata && Object.keys(options.metadata).length > 0 ? options.metadata : undefined,
		tier: options.tier,
		sourceConditions: sourceEtag ? { ifMatch: sourceEtag } : undefined,
		intervalInMs: options.pollIntervalMs ?? 1000,
	};
	const context = {
		...contextFor(connection, target.container, target.blob, naming),
		source: sourceContext,
	};
	return await azureCall(context, async () => {
		const poller = await client.beginCopyFromURL(sourceUrl, copyOptions);
		if (options.waitForCompletion !== false) await poller.pollUntilDone();
		const info = blobInfoFromProperties(
			target.container,
			target.blob,
			await client.getProperties(),
		);
		if (info.copyStatus === 'failed' || info.copyStatus === 'aborted') {
			throw new Error(`The copy into "${target.blob}" ${info.copyStatus}`);
		}
		return { ...info, copySource: redactUrl(sourceUrl) };
	});
}
