/** Blobs as the Azure operations report them, and listing, properties, access tier and delete. */
import type { BlobGetPropertiesResponse, BlobItem } from '@azure/storage-blob';

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

/** ISO 8601 text of a date the SDK reports. */
export function iso(date: Date | undefined): string | undefined {
	return date ? date.toISOString() : undefined;
}

/** Hex text of an MD5 the SDK reports, or undefined when there is none. */
export function hex(md5: Uint8Array | undefined): string | undefined {
	return md5 && md5.length > 0 ? Buffer.from(md5).toString('hex') : undefined;
}

/** Checks a container and blob name, reporting the caller's parameter names. */
export function assertBlobNames(container: string, blob: string, naming: BlobNaming): void {
	assertContainerName(container, naming.containerParameter ?? 'container', naming.containerLabel);
	assertBlobName(blob, naming.blobParameter ?? 'key', naming.blobLabel);
}

/** What an error of a call on this blob reports. */
export function contextFor(
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
	assertBlobNames(container, blob, naming);
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
	assertBlobNames(container, blob, naming);
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
	assertBlobNames(container, blob, naming);
	const snapshots = options.deleteSnapshots ?? 'include';
	const client = connection.service.getContainerClient(container).getBlobClient(blob);
	await azureCall(contextFor(connection, container, blob, naming), async () => {
		await client.delete({ deleteSnapshots: snapshots === 'none' ? undefined : snapshots });
	});
}
