/** Buckets and objects as the Google Cloud Storage operations report them. */
import type { BucketMetadata, FileMetadata } from '@google-cloud/storage';

import type { ContainerInfo, ObjectInfo } from '../../driver';

export { DEFAULT_PAGE_SIZE, followPages } from '../../pages';

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
