import type { FileMetadata } from '@google-cloud/storage';

import type { ObjectInfo, ObjectPage } from '../../driver';
import { InvalidNameError, StorageError } from '../../errors';
import type { GcsClient } from './client';
import { bucketNotFound, toGcsError } from './errors';
import { bucketOf, fileOf, gcsCall, objectContext } from './handles';
import { gcsLabel } from './names';
import { DEFAULT_PAGE_SIZE, followPages, objectInfo } from './shapes';

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
	return await gcsCall(
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
	return await followPages(async (pageSize, pageToken) => {
		const page = await listObjectsPage(client, bucket, { ...options, pageSize, pageToken });
		const entries: Array<Record<string, unknown>> = [
			...page.prefixes.map((prefix) => ({ type: 'prefix', ...prefix })),
			...page.objects.map((object) => ({ type: 'object', ...object })),
		];
		return { entries, nextPageToken: page.nextPageToken };
	}, options.limit);
}

export async function getObject(
	client: GcsClient,
	bucket: string,
	key: string,
	names: { bucket?: string; key?: string } = {},
): Promise<ObjectInfo> {
	const file = fileOf(client, bucket, key, names);
	return await gcsCall(
		async () => objectInfo((await file.getMetadata())[0], bucket, key),
		objectContext(client, bucket, key, names),
	);
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
	return await gcsCall(
		async () => objectInfo((await file.setMetadata(body))[0], bucket, key),
		objectContext(client, bucket, key, names),
	);
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
	await gcsCall(() => file.delete(), objectContext(client, bucket, key, names));
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
