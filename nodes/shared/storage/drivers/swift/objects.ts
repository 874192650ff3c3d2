import type { Readable } from 'stream';

import type { ByteRange, DownloadOptions, ObjectInfo } from '../../driver';
import { md5Hash, ObjectChangedError, streamDownload } from '../../download';
import { InvalidNameError, ObjectNotFoundError } from '../../errors';
import { isHexMd5 } from '../../md5';
import { httpStatusOf } from '../../../openstack/request';
import { deleteLargeObject } from './bulk';
import {
	intHeader,
	isoFromTimestamp,
	isoTime,
	metadataFrom,
	metadataHeaders,
	type SwiftClient,
} from './client';

/** An object as Swift describes it (the storage interface's ObjectInfo, with Swift's extras). */
export interface SwiftObjectInfo extends ObjectInfo {
	/** 'static' for a Static Large Object (manifest + segments), 'dynamic' for a DLO. */
	largeObject?: 'static' | 'dynamic';
	/** When Swift deletes it (X-Delete-At), ISO 8601. */
	deleteAt?: string;
	createdAt?: string;
}

function unquote(etag: string | undefined): string | undefined {
	return etag?.replace(/^"|"$/g, '');
}

export function describeObject(
	container: string,
	key: string,
	headers: Record<string, string>,
): SwiftObjectInfo {
	const largeObject =
		headers['x-static-large-object']?.toLowerCase() === 'true'
			? 'static'
			: headers['x-object-manifest']
				? 'dynamic'
				: undefined;
	const etag = unquote(headers.etag);
	const deleteAt = intHeader(headers, 'x-delete-at');
	return {
		container,
		key,
		size: intHeader(headers, 'content-length') ?? 0,
		lastModified: isoTime(headers['last-modified']),
		etag,
		// a large object's ETag is a hash of its segments' hashes, not of its content
		md5: !largeObject && isHexMd5(etag) ? etag.toLowerCase() : undefined,
		contentType: headers['content-type'],
		metadata: metadataFrom(headers, 'object'),
		...(largeObject ? { largeObject } : {}),
		...(deleteAt !== undefined ? { deleteAt: new Date(deleteAt * 1000).toISOString() } : {}),
		createdAt: isoFromTimestamp(headers['x-timestamp']),
	};
}

export async function headObject(
	swift: SwiftClient,
	container: string,
	key: string,
): Promise<SwiftObjectInfo> {
	const { headers } = await swift.onObject(
		container,
		key,
		async () => await swift.call({ method: 'HEAD', path: swift.path(container, key) }),
	);
	return describeObject(container, key, headers);
}

export function assertRange(range: ByteRange | undefined): void {
	if (!range) return;
	if (!Number.isInteger(range.start) || range.start < 0) {
		throw new InvalidNameError(
			'rangeStart',
			`The "Range Start" must be a whole number ≥ 0, not ${range.start}`,
		);
	}
	if (range.end !== undefined && (!Number.isInteger(range.end) || range.end < range.start)) {
		throw new InvalidNameError(
			'rangeEnd',
			`The "Range End" (${range.end}) must not be before the "Range Start" (${range.start})`,
		);
	}
}

type DownloadInfo = SwiftObjectInfo & {
	range?: string;
	objectSize?: number;
	hashChecked?: string;
	hashNotChecked?: string;
};

/**
 * The object's bytes as a stream (a byte range when asked), never held in memory, through the
 * shared download path: a broken or stalled body is asked again from the next byte with
 * If-Match on the first answer's ETag, and a plain object is checked against its ETag (its
 * MD5) as the bytes pass. A large object's ETag is not the hash of its bytes: it is not checked.
 */
export async function downloadObject(
	swift: SwiftClient,
	container: string,
	key: string,
	range?: ByteRange,
	options: DownloadOptions = {},
): Promise<{ info: DownloadInfo; stream: Readable }> {
	assertRange(range);
	const get = async (headers: Record<string, string>) =>
		await swift.onObject(
			container,
			key,
			async () =>
				await swift.call<Readable>({
					method: 'GET',
					path: swift.path(container, key),
					encoding: 'stream',
					headers,
				}),
		);
	let response;
	try {
		response = await get(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {});
	} catch (error) {
		if (httpStatusOf(error) === 416) {
			throw new InvalidNameError(
				'rangeStart',
				`The byte range ${range?.start}-${range?.end ?? ''} is outside the object "${key}"`,
			);
		}
		throw error;
	}
	const info: DownloadInfo = describeObject(container, key, response.headers);
	let start = 0;
	if (response.statusCode === 206) {
		info.range = response.headers['content-range'];
		start = Number(/^bytes (\d+)-/.exec(info.range ?? '')?.[1] ?? 0);
		const total = Number(/\/(\d+)$/.exec(info.range ?? '')?.[1]);
		if (Number.isFinite(total)) info.objectSize = total;
		info.md5 = undefined;
	}
	const length = intHeader(response.headers, 'content-length');
	const last = length !== undefined ? start + length - 1 : undefined;
	const etag = response.headers.etag;
	const reopen = async (from: number, to = last) => {
		try {
			const again = await get({
				Range: `bytes=${from}-${to ?? ''}`,
				...(etag ? { 'If-Match': etag } : {}),
			});
			return again.body;
		} catch (error) {
			if (httpStatusOf(error) === 412) throw new ObjectChangedError(key);
			throw error;
		}
	};
	const expectedHash = options.verifyHash !== false && info.md5 ? md5Hash(info.md5) : undefined;
	return streamDownload({
		key,
		body: response.body,
		start,
		length,
		reopen,
		openRange: reopen,
		expectedHash,
		info,
		range,
		options,
		noHashReason: info.largeObject
			? "a large object's ETag is not a hash of its content"
			: 'Swift gave no MD5 for it',
	});
}

/** Server-side copy (across containers too); a large object's content is copied into one object. */
export async function copyObject(
	swift: SwiftClient,
	source: { container: string; key: string },
	target: { container: string; key: string },
	options: { metadata?: Record<string, string>; contentType?: string } = {},
): Promise<SwiftObjectInfo> {
	try {
		await swift.call({
			method: 'PUT',
			path: swift.path(target.container, target.key),
			headers: {
				'Content-Length': '0',
				'X-Copy-From': swift.path(source.container, source.key),
				...(options.contentType ? { 'Content-Type': options.contentType } : {}),
				...metadataHeaders(options.metadata, 'object'),
			},
		});
	} catch (error) {
		if (httpStatusOf(error) === 404) {
			// the source, or the target's container: say which
			await headObject(swift, source.container, source.key).catch((missing: unknown) => {
				if (missing instanceof ObjectNotFoundError) {
					throw Object.assign(new ObjectNotFoundError(source.container, source.key), {
						parameter: 'sourceKey',
					});
				}
			});
		}
		throw error;
	}
	return await headObject(swift, target.container, target.key);
}

export interface MetadataChange {
	set?: Record<string, string>;
	remove?: string[];
	/** Replace all metadata with `set` instead of merging. */
	replace?: boolean;
	contentType?: string;
}

/**
 * Changes an object's metadata. Swift's POST replaces all of it, so the current metadata is read
 * first and merged (unless `replace`); the expiry (X-Delete-At) is kept.
 */
export async function updateObjectMetadata(
	swift: SwiftClient,
	container: string,
	key: string,
	change: MetadataChange,
): Promise<SwiftObjectInfo> {
	const current = await headObject(swift, container, key);
	const metadata = change.replace ? {} : { ...current.metadata };
	for (const name of change.remove ?? []) delete metadata[name.toLowerCase()];
	for (const [name, value] of Object.entries(change.set ?? {}))
		metadata[name.toLowerCase()] = value;
	const headers: Record<string, string> = { ...metadataHeaders(metadata, 'object') };
	if (change.contentType) headers['Content-Type'] = change.contentType;
	if (current.deleteAt)
		headers['X-Delete-At'] = String(Math.round(Date.parse(current.deleteAt) / 1000));
	await swift.onObject(
		container,
		key,
		async () => await swift.call({ method: 'POST', path: swift.path(container, key), headers }),
	);
	return await headObject(swift, container, key);
}

/** Deletes an object; a Static Large Object with its segments. */
export async function deleteObject(
	swift: SwiftClient,
	container: string,
	key: string,
): Promise<{ deleted: true; segmentsDeleted?: number }> {
	const info = await headObject(swift, container, key);
	if (info.largeObject === 'static') {
		const count = await deleteLargeObject(swift, container, key);
		return { deleted: true, segmentsDeleted: Math.max(0, count - 1) };
	}
	await swift.onObject(
		container,
		key,
		async () => await swift.call({ method: 'DELETE', path: swift.path(container, key) }),
	);
	return { deleted: true };
}

export { metadataHeaders };
