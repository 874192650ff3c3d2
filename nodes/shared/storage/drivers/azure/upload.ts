/** Block blob uploads: one Put Blob, or staged blocks and one commit. */
import { createHash } from 'crypto';
import type { BlobHTTPHeaders, BlockBlobClient } from '@azure/storage-blob';

import type { UploadBody } from '../../driver';
import { assertMd5, readExpectedMd5 } from '../../md5';
import { PartPump, discardBody, isUploadFile, partReader, sendCheckedPart } from '../../parts';
import type { AzureConnection } from './client';
import { azureCall } from './errors';
import { assertAccessTier, lowerKeys, type AccessTier } from './names';
import { assertBlobNames, contextFor, iso, type AzureBlobInfo, type BlobNaming } from './blobs';

export const DEFAULT_BLOCK_SIZE = 8 * 1024 * 1024;
export const DEFAULT_CONCURRENCY = 5;
/** Azure's limits for a block blob: 50,000 blocks of at most 4000 MiB. */
const MAX_BLOCKS = 50_000;
const MAX_BLOCK_SIZE = 4000 * 1024 * 1024;
const MIB = 1024 * 1024;

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
		assertBlobNames(container, blob, naming);
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
