import type {
	ByteRange,
	ContainerInfo,
	DownloadOptions,
	DownloadResult,
	ListObjectsOptions,
	ObjectInfo,
	ObjectPage,
	StorageDriver,
	UploadBody,
	UploadOptions,
	UrlOptions,
} from '../../driver';
import { discardBody } from '../../parts';
import { deleteObjects, type ListedObject } from './bulk';
import { LISTING_PAGE_SIZE, isoTime, type SwiftClient } from './client';
import { createContainer, deleteContainer, getContainer, listContainers } from './containers';
import { assertSwiftContainer, assertSwiftMetadata, assertSwiftObject } from './names';
import { copyObject, deleteObject, downloadObject, headObject } from './objects';
import { createTempUrl } from './tempUrl';
import { uploadObject } from './upload';

/** A listing entry as the storage interface reports objects. */
export function listedObject(container: string, entry: ListedObject): ObjectInfo {
	const large = entry.slo_etag !== undefined;
	return {
		container,
		key: entry.name ?? '',
		size: entry.bytes ?? 0,
		lastModified: isoTime(entry.last_modified),
		etag: large ? entry.slo_etag?.replace(/"/g, '') : entry.hash,
		md5: large ? undefined : entry.hash,
		contentType: entry.content_type,
		...(large ? { largeObject: 'static' } : {}),
	};
}

/**
 * The Cloud Storage node's Swift backend (OpenStack Object Storage, e.g. Infomaniak): the same
 * Swift code as the OpenStack Object Storage node, authenticated with the OpenStack credential.
 * Get URL gives a temporary URL (the account needs a temporary-URL key; see the Swift node).
 */
export class SwiftStorageDriver implements StorageDriver {
	readonly backendName = 'Swift';

	constructor(readonly swift: SwiftClient) {}

	/** Requests go through n8n's own HTTP helper: the driver holds no client or socket to release. */
	async close(): Promise<void> {}

	async listContainers(): Promise<ContainerInfo[]> {
		return await listContainers(this.swift);
	}

	async createContainer(name: string, options: { ifNotExists?: boolean } = {}) {
		assertSwiftContainer(name, 'containerName');
		return await createContainer(this.swift, name, { ifNotExists: options.ifNotExists });
	}

	async getContainer(name: string): Promise<ContainerInfo> {
		assertSwiftContainer(name);
		return await getContainer(this.swift, name);
	}

	async deleteContainer(name: string, options: { force?: boolean } = {}): Promise<void> {
		assertSwiftContainer(name);
		await deleteContainer(this.swift, name, options);
	}

	async listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage> {
		assertSwiftContainer(container);
		const limit = Math.min(options.pageSize ?? LISTING_PAGE_SIZE, LISTING_PAGE_SIZE);
		const entries = await this.swift.inContainer(
			container,
			async () =>
				await this.swift.listPage<ListedObject>(this.swift.path(container), {
					limit,
					...(options.prefix ? { prefix: options.prefix } : {}),
					...(options.delimiter ? { delimiter: options.delimiter } : {}),
					...(options.pageToken ? { marker: options.pageToken } : {}),
				}),
		);
		const last = entries[entries.length - 1];
		return {
			objects: entries
				.filter((entry) => entry.name !== undefined)
				.map((entry) => listedObject(container, entry)),
			prefixes: entries
				.filter((entry) => entry.subdir !== undefined)
				.map((entry) => ({ container, prefix: entry.subdir! })),
			nextPageToken: entries.length >= limit ? (last?.name ?? last?.subdir) : undefined,
		};
	}

	async headObject(container: string, key: string): Promise<ObjectInfo> {
		assertSwiftContainer(container);
		assertSwiftObject(key);
		return await headObject(this.swift, container, key);
	}

	async upload(
		container: string,
		key: string,
		body: UploadBody,
		options: UploadOptions = {},
	): Promise<ObjectInfo> {
		try {
			assertSwiftContainer(container);
			assertSwiftObject(key);
			assertSwiftMetadata(options.metadata ?? {});
		} catch (error) {
			discardBody(body);
			throw error;
		}
		return await uploadObject(this.swift, container, key, body, {
			contentType: options.contentType,
			metadata: options.metadata,
			size: options.size,
			expectedMd5: options.expectedMd5,
		});
	}

	async download(
		container: string,
		key: string,
		range?: ByteRange,
		options?: DownloadOptions,
	): Promise<DownloadResult> {
		assertSwiftContainer(container);
		assertSwiftObject(key);
		return await downloadObject(this.swift, container, key, range, options);
	}

	async copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	): Promise<ObjectInfo> {
		assertSwiftContainer(source.container, 'sourceContainer');
		assertSwiftObject(source.key, 'sourceKey');
		assertSwiftContainer(target.container, 'targetContainer');
		assertSwiftObject(target.key, 'targetKey');
		return await copyObject(this.swift, source, target);
	}

	async deleteObject(container: string, key: string): Promise<void> {
		assertSwiftContainer(container);
		assertSwiftObject(key);
		await deleteObject(this.swift, container, key);
	}

	async deleteObjects(container: string, keys: string[]) {
		assertSwiftContainer(container);
		for (const key of keys) assertSwiftObject(key, 'keys');
		return (await deleteObjects(this.swift, container, keys)).map(({ key, deleted, error }) => ({
			key,
			deleted,
			...(error ? { error } : {}),
		}));
	}

	/** A temporary URL; the account must have a temporary-URL key (the Swift node can set one). */
	async getUrl(container: string, key: string, options: UrlOptions): Promise<string> {
		assertSwiftContainer(container);
		assertSwiftObject(key);
		const { url } = await createTempUrl(this.swift, container, key, {
			method: options.method,
			expiresIn: options.expiresIn,
		});
		return url;
	}
}
