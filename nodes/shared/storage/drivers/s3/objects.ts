import { Readable } from 'stream';
import type { _Object, HeadObjectCommandOutput } from '@aws-sdk/client-s3';

import type { ByteRange, DownloadOptions, PrefixInfo } from '../../driver';
import { md5Hash, ObjectChangedError, streamDownload } from '../../download';
import type { S3Connection } from './connection';
import { invalidInput } from './input';
import { loadS3 } from './sdk';
import { describeObject, iso, md5FromEtag, unquote, type S3ObjectInfo } from './shapes';

/** The most keys ListObjectsV2 returns in one page. */
export const MAX_LIST_PAGE = 1000;

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

export type S3ListEntry = ({ type: 'object' } & S3ObjectInfo) | ({ type: 'prefix' } & PrefixInfo);

/** One ListObjectsV2 page. */
export async function listObjectsPage(
	s3: S3Connection,
	bucket: string,
	options: S3ListOptions = {},
): Promise<S3ListPage> {
	const { ListObjectsV2Command } = await loadS3();
	const maxKeys = Math.max(1, Math.min(MAX_LIST_PAGE, options.maxKeys ?? MAX_LIST_PAGE));
	const page = await s3.send<{
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
		s3.context('ListObjectsV2', bucket),
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
export async function* listObjects(
	s3: S3Connection,
	bucket: string,
	options: Omit<S3ListOptions, 'continuationToken' | 'maxKeys'> = {},
	limit?: number,
): AsyncGenerator<S3ListEntry> {
	let remaining = limit ?? Infinity;
	const fetchPage = (token: string | undefined) => {
		const page = listObjectsPage(s3, bucket, {
			...options,
			continuationToken: token,
			maxKeys: Math.min(MAX_LIST_PAGE, remaining),
		});
		// Awaited below; a caller that stops early must not leave an unhandled rejection behind.
		page.catch(() => undefined);
		return page;
	};
	let pending: Promise<S3ListPage> | undefined = fetchPage(undefined);
	while (pending) {
		const page: S3ListPage = await pending;
		pending = undefined;
		const entries: S3ListEntry[] = [
			...page.prefixes.map((prefix) => ({ type: 'prefix' as const, ...prefix })),
			...page.objects.map((object) => ({ type: 'object' as const, ...object })),
		].slice(0, remaining);
		remaining -= entries.length;
		if (page.nextContinuationToken && remaining > 0)
			pending = fetchPage(page.nextContinuationToken);
		for (const entry of entries) yield entry;
	}
}

/** HeadObject (of one version, with `versionId`); ObjectNotFoundError when there is none. */
export async function headObject(
	s3: S3Connection,
	bucket: string,
	key: string,
	versionId?: string,
): Promise<S3ObjectInfo> {
	return describeObject(bucket, key, await headObjectAnswer(s3, bucket, key, versionId));
}

/** HeadObject's answer as S3 gave it, every header included. */
export async function headObjectAnswer(
	s3: S3Connection,
	bucket: string,
	key: string,
	versionId?: string,
): Promise<HeadObjectCommandOutput> {
	const { HeadObjectCommand } = await loadS3();
	return await s3.send<HeadObjectCommandOutput>(
		new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId || undefined }),
		s3.context('HeadObject', bucket, key),
	);
}

/** GetObject's answer: its body as a stream (never buffered) and its headers. */
type GetObjectAnswer = HeadObjectCommandOutput & { Body?: unknown; ContentRange?: string };

function bodyStream(body: unknown): Readable {
	if (body instanceof Readable) return body;
	return body ? Readable.from(body as AsyncIterable<Uint8Array>) : Readable.from([]);
}

/**
 * GetObject, optionally a byte range, through the shared download path: a broken or stalled
 * body is asked again from the next byte with a range pinned by If-Match (and the version ID),
 * and a whole single-part object is checked against its ETag (its MD5) as the bytes pass.
 */
export async function download(
	s3: S3Connection,
	bucket: string,
	key: string,
	range?: ByteRange,
	options: DownloadOptions = {},
): Promise<{ info: S3ObjectInfo; stream: Readable }> {
	const { GetObjectCommand } = await loadS3();
	if (range && (!Number.isInteger(range.start) || range.start < 0))
		throw invalidInput('rangeStart', `${range.start} is not a byte position (0 or more)`);
	if (range?.end !== undefined && !(Number.isInteger(range.end) && range.end >= range.start))
		throw invalidInput('rangeEnd', `${range.end} is before "Range Start" (${range.start})`);
	const answer = await s3.send<GetObjectAnswer>(
		new GetObjectCommand({
			Bucket: bucket,
			Key: key,
			Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
		}),
		s3.context('GetObject', bucket, key),
	);
	const info = describeObject(bucket, key, answer);
	const start = range ? Number(/^bytes (\d+)-/.exec(answer.ContentRange ?? '')?.[1] ?? 0) : 0;
	const length = answer.ContentLength;
	const last = length !== undefined ? start + length - 1 : undefined;
	if (range) {
		info.range = answer.ContentRange;
		const total = Number(/\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1]);
		if (Number.isFinite(total)) info.objectSize = total;
		// A range's ETag still names the whole object; its MD5 does not describe these bytes.
		info.md5 = undefined;
	}
	const expectedHash = options.verifyHash !== false && info.md5 ? md5Hash(info.md5) : undefined;
	const reopen = async (from: number, to = last) => {
		try {
			const again = await s3.send<GetObjectAnswer>(
				new GetObjectCommand({
					Bucket: bucket,
					Key: key,
					Range: `bytes=${from}-${to ?? ''}`,
					IfMatch: answer.ETag,
					VersionId: answer.VersionId || undefined,
				}),
				s3.context('GetObject', bucket, key),
			);
			return bodyStream(again.Body);
		} catch (error) {
			if ((error as { status?: number }).status === 412) throw new ObjectChangedError(key);
			throw error;
		}
	};
	return streamDownload({
		key,
		body: bodyStream(answer.Body),
		start,
		length,
		reopen,
		openRange: reopen,
		expectedHash,
		info,
		range,
		options,
	});
}

export async function getTags(
	s3: S3Connection,
	bucket: string,
	key: string,
): Promise<Record<string, string>> {
	const { GetObjectTaggingCommand } = await loadS3();
	const answer = await s3.send<{ TagSet?: Array<{ Key?: string; Value?: string }> }>(
		new GetObjectTaggingCommand({ Bucket: bucket, Key: key }),
		s3.context('GetObjectTagging', bucket, key),
	);
	return Object.fromEntries(
		(answer.TagSet ?? []).filter((tag) => tag.Key).map((tag) => [tag.Key!, tag.Value ?? '']),
	);
}

/** PutObjectTagging: replaces the object's whole tag set. */
export async function setTags(
	s3: S3Connection,
	bucket: string,
	key: string,
	tags: Record<string, string>,
): Promise<void> {
	const { PutObjectTaggingCommand } = await loadS3();
	await s3.send(
		new PutObjectTaggingCommand({
			Bucket: bucket,
			Key: key,
			Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
		}),
		s3.context('PutObjectTagging', bucket, key),
	);
}
