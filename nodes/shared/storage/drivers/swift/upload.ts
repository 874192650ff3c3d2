import { createHash } from 'crypto';

import type { UploadBody } from '../../driver';
import { ContainerNotFoundError, InvalidNameError } from '../../errors';
import { assertMd5, readExpectedMd5 } from '../../md5';
import {
	PartPump,
	discardBody,
	isUploadFile,
	partReader,
	sendCheckedPart,
	type Part,
} from '../../parts';
import { httpStatusOf } from '../../../openstack/request';
import { bulkDelete, type ListedObject } from './bulk';
import { metadataHeaders, type SwiftClient } from './client';
import { containerExists } from './containers';
import { describeObject, type SwiftObjectInfo } from './objects';

/**
 * Uploads from the pack's part pool (../../parts.ts): an object up to the segment size goes in
 * one PUT from one pooled buffer; a larger one becomes a Static Large Object, its segments PUT
 * from `concurrency + 1` reused buffers into a segments container, then its manifest. Every PUT
 * is a whole buffer through the shared transport, so a failed segment is retried on its own and
 * a 401 renews the token. After a failure, the segments of this upload are deleted; after a
 * success, those of the object it replaced.
 */

export const MIB = 1024 * 1024;
export const DEFAULT_SEGMENT_SIZE = 8 * MIB;
export const MIN_SEGMENT_SIZE = 1 * MIB;
/** Swift's largest object (max_file_size, 5 GiB). */
export const MAX_SEGMENT_SIZE = 5 * 1024 * MIB;
export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONCURRENCY = 16;
/** Swift's default max_manifest_segments in older releases; newer ones allow 10,000. */
export const MAX_SEGMENTS = 1000;

export interface SwiftUploadOptions {
	contentType?: string;
	metadata?: Record<string, string>;
	/** Bytes, when known without reading. */
	size?: number;
	/** Hex MD5 the content must have; on a mismatch nothing is kept. */
	expectedMd5?: string;
	/** Swift deletes the object after this many seconds. */
	deleteAfter?: number;
	segmentSize?: number;
	concurrency?: number;
	/** Where segments go; `<container>_segments` by default (the swift client's convention). */
	segmentContainer?: string;
}

export interface SwiftUploadResult extends SwiftObjectInfo {
	segments?: number;
	segmentContainer?: string;
	/** Segments of the replaced large object that were deleted. */
	replacedSegmentsDeleted?: number;
}

interface ManifestEntry {
	path: string;
	etag?: string;
	size_bytes: number;
}

/** The segments of a Static Large Object, read from its manifest; none for any other object. */
async function segmentsOf(swift: SwiftClient, container: string, key: string): Promise<string[]> {
	let headers: Record<string, string>;
	try {
		({ headers } = await swift.call({ method: 'HEAD', path: swift.path(container, key) }));
	} catch (error) {
		if (httpStatusOf(error) === 404) return [];
		throw error;
	}
	if (headers['x-static-large-object']?.toLowerCase() !== 'true') return [];
	const { body } = await swift.call<unknown>({
		method: 'GET',
		path: swift.path(container, key),
		qs: { 'multipart-manifest': 'get' },
		headers: { Accept: 'application/json' },
	});
	const manifest = (
		typeof body === 'string'
			? JSON.parse(body)
			: Buffer.isBuffer(body)
				? JSON.parse(body.toString('utf8'))
				: body
	) as Array<{
		name?: string;
	}>;
	return Array.isArray(manifest) ? manifest.map((entry) => entry.name ?? '').filter(Boolean) : [];
}

/** Deletes segments given as "/container/object" paths; returns how many went. */
async function deleteSegmentPaths(swift: SwiftClient, paths: string[]): Promise<number> {
	const byContainer = new Map<string, string[]>();
	for (const path of paths) {
		const match = /^\/([^/]+)\/(.+)$/.exec(path);
		if (!match) continue;
		const list = byContainer.get(match[1]) ?? [];
		list.push(match[2]);
		byContainer.set(match[1], list);
	}
	let deleted = 0;
	for (const [container, objects] of byContainer) {
		const result = await bulkDelete(swift, container, objects);
		deleted += result.deleted;
	}
	return deleted;
}

/** Deletes everything below a segment prefix (what a failed upload left). */
export async function deleteSegmentPrefix(
	swift: SwiftClient,
	container: string,
	prefix: string,
): Promise<number> {
	let deleted = 0;
	for await (const page of swift.listPages<ListedObject>(swift.path(container), { prefix })) {
		const names = page.map((entry) => entry.name).filter((name): name is string => Boolean(name));
		deleted += (await bulkDelete(swift, container, names)).deleted;
	}
	return deleted;
}

function segmentBase(key: string): string {
	// A segment name must stay within Swift's 1,024 bytes too.
	return Buffer.byteLength(key) <= 900
		? key
		: `long-name-${createHash('sha256').update(key).digest('hex')}`;
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
	const number = value === undefined || !Number.isFinite(value) ? fallback : Math.floor(value);
	return Math.min(max, Math.max(min, number));
}

export async function uploadObject(
	swift: SwiftClient,
	container: string,
	key: string,
	body: UploadBody,
	options: SwiftUploadOptions = {},
): Promise<SwiftUploadResult> {
	const known = isUploadFile(body) ? body.size : options.size;
	const concurrency = clamp(options.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
	let segmentSize = clamp(
		options.segmentSize,
		DEFAULT_SEGMENT_SIZE,
		MIN_SEGMENT_SIZE,
		MAX_SEGMENT_SIZE,
	);
	if (known !== undefined && Math.ceil(known / segmentSize) > MAX_SEGMENTS) {
		segmentSize = Math.ceil(known / MAX_SEGMENTS / MIB) * MIB;
	}
	const deleteAt =
		options.deleteAfter !== undefined
			? Math.floor(Date.now() / 1000) + options.deleteAfter
			: undefined;
	const contentType = options.contentType || 'application/octet-stream';
	const objectHeaders: Record<string, string> = {
		// always given: n8n's HTTP client would otherwise label the bytes as a form
		'Content-Type': contentType,
		...metadataHeaders(options.metadata, 'object'),
		...(deleteAt !== undefined ? { 'X-Delete-At': String(deleteAt) } : {}),
	};
	// Small and known: a buffer just big enough (one byte more tells a longer stream).
	const single = known !== undefined && known <= segmentSize;
	let expected: string | undefined;
	try {
		expected = readExpectedMd5(options.expectedMd5);
	} catch (error) {
		discardBody(body);
		throw error;
	}
	// The object this upload replaces, looked up while the new bytes are read and sent; awaited
	// before the new object is committed, so it is always the old one's manifest that is read.
	const replacedSegments = settledLater(segmentsOf(swift, container, key));
	const pump = new PartPump(partReader(body), {
		partSize: single ? known + 1 : segmentSize,
		concurrency,
		md5: Boolean(expected),
	});
	try {
		const first = await pump.first();
		let result: SwiftUploadResult;
		if (first.final) {
			const md5 = createHash('md5').update(first.data).digest('hex');
			assertMd5(key, expected, md5);
			await replacedSegments;
			const { headers } = await swift.inContainer(
				container,
				async () =>
					await sendCheckedPart(
						async () =>
							await swift.call({
								method: 'PUT',
								path: swift.path(container, key),
								headers: {
									...objectHeaders,
									'Content-Length': String(first.data.length),
									// Swift checks it and keeps nothing on a mismatch (422): sent again
									ETag: md5,
								},
								body: first.data,
							}),
						arrivedDamaged,
					),
			);
			result = {
				...describeObject(container, key, headers),
				size: first.data.length,
				md5,
				contentType,
				metadata: lowerCased(options.metadata),
			};
		} else {
			if (single) {
				throw new InvalidNameError(
					'binaryPropertyName',
					`The input has more bytes than its declared size (${known})`,
				);
			}
			result = await uploadLargeObject(swift, container, key, pump, {
				...options,
				contentType,
				segmentSize,
				objectHeaders,
				deleteAt,
				expected,
				beforeManifest: replacedSegments,
			});
		}
		const replaced = await replacedSegments;
		if (replaced.length > 0) {
			result.replacedSegmentsDeleted = await deleteSegmentPaths(swift, replaced).catch(() => 0);
		}
		return result;
	} finally {
		await pump.close();
	}
}

function lowerCased(metadata: Record<string, string> | undefined): Record<string, string> {
	return Object.fromEntries(
		Object.entries(metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
}

/** Swift refused bytes that do not match the ETag sent with them (a byte damaged on the way). */
function arrivedDamaged(error: unknown): boolean {
	return httpStatusOf(error) === 422;
}

/**
 * A promise that may reject before it is awaited without counting as an unhandled rejection:
 * awaiting it still throws its error.
 */
function settledLater<T>(promise: Promise<T>): Promise<T> {
	promise.catch(() => undefined);
	return promise;
}

/**
 * Checks that the object's container exists (Swift would accept segments and then refuse the
 * manifest) and makes sure the segments container does: both looked up at once, the segments
 * container created only when the object's container exists and it does not.
 */
async function prepareContainers(
	swift: SwiftClient,
	container: string,
	segmentContainer: string,
): Promise<void> {
	const [exists, segmentsExist] = await Promise.all([
		containerExists(swift, container),
		segmentContainer === container ? true : containerExists(swift, segmentContainer),
	]);
	if (!exists) throw new ContainerNotFoundError(container);
	if (!segmentsExist) {
		await swift.call({
			method: 'PUT',
			path: swift.path(segmentContainer),
			headers: { 'Content-Length': '0' },
		});
	}
}

async function uploadLargeObject(
	swift: SwiftClient,
	container: string,
	key: string,
	pump: PartPump,
	options: SwiftUploadOptions & {
		segmentSize: number;
		objectHeaders: Record<string, string>;
		deleteAt?: number;
		expected?: string;
		/** Settled before the manifest commits the object. */
		beforeManifest: Promise<unknown>;
	},
): Promise<SwiftUploadResult> {
	const segmentContainer = options.segmentContainer || `${container}_segments`;
	await prepareContainers(swift, container, segmentContainer);
	const prefix = `${segmentBase(key)}/slo/${(Date.now() / 1000).toFixed(6)}/${options.segmentSize}/`;
	try {
		const entries = await pump.sendAll(async (part: Part): Promise<ManifestEntry> => {
			if (part.number > MAX_SEGMENTS) {
				throw new InvalidNameError(
					'segmentSize',
					`The upload needs more than ${MAX_SEGMENTS} segments: raise the segment size`,
				);
			}
			const name = `${prefix}${String(part.number).padStart(8, '0')}`;
			const etag = createHash('md5').update(part.data).digest('hex');
			// Swift checks the ETag and keeps nothing when a byte was damaged on the way (422).
			await sendCheckedPart(
				async () =>
					await swift.call({
						method: 'PUT',
						path: swift.path(segmentContainer, name),
						headers: {
							'Content-Type': 'application/octet-stream',
							'Content-Length': String(part.data.length),
							ETag: etag,
							...(options.deleteAt !== undefined
								? { 'X-Delete-At': String(options.deleteAt) }
								: {}),
						},
						body: part.data,
					}),
				arrivedDamaged,
			);
			return { path: `/${segmentContainer}/${name}`, etag, size_bytes: part.data.length };
		});
		assertMd5(key, options.expected, pump.md5);
		await options.beforeManifest;
		const { headers } = await swift.inContainer(
			container,
			async () =>
				await swift.call({
					method: 'PUT',
					path: swift.path(container, key),
					qs: { 'multipart-manifest': 'put' },
					headers: options.objectHeaders,
					body: Buffer.from(JSON.stringify(entries)),
				}),
		);
		return {
			...describeObject(container, key, headers),
			size: pump.size,
			md5: pump.md5,
			contentType: options.contentType,
			metadata: lowerCased(options.metadata),
			largeObject: 'static',
			segments: entries.length,
			segmentContainer,
		};
	} catch (error) {
		// Nothing of this upload may stay behind.
		await deleteSegmentPrefix(swift, segmentContainer, prefix).catch(() => undefined);
		throw error;
	}
}
