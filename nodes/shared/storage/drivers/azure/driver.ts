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
import { pool } from '../../pool';
import { StorageError } from '../../errors';
import {
	closeAzureConnection,
	createAzureConnection,
	type AzureBlobCredentialData,
	type AzureConnection,
} from './client';
import {
	createContainer,
	deleteContainer,
	getContainerProperties,
	listContainers,
	type AzureContainerInfo,
} from './containers';
import { deleteBlob, getBlobProperties, listBlobsPage, type AzureBlobInfo } from './blobs';
import { copyBlob } from './copy';
import { downloadBlob } from './download';
import { uploadBlob } from './upload';
import { checkMetadata } from './names';
import { generateBlobSasUrl } from './sas';

/** Parallel deletes of Delete Many: enough to hide latency, few enough to stay polite. */
const DELETE_CONCURRENCY = 8;

function toContainerInfo(container: AzureContainerInfo): ContainerInfo {
	const { name, ...rest } = container;
	return { name, ...rest };
}

function toObjectInfo(blob: AzureBlobInfo): ObjectInfo {
	const { container, name, size, lastModified, etag, md5, contentType, metadata, ...rest } = blob;
	return { container, key: name, size, lastModified, etag, md5, contentType, metadata, ...rest };
}

/**
 * The Azure backend of the Cloud Storage node: a thin mapping of the storage interface onto
 * the shared Azure operations (the Azure Blob Storage node calls the same ones).
 */
export class AzureStorageDriver implements StorageDriver {
	readonly backendName = 'Azure';

	constructor(readonly connection: AzureConnection) {}

	/** From the decrypted fields of a cloudPackAzureBlobApi credential. */
	static async fromCredentials(data: object): Promise<AzureStorageDriver> {
		return new AzureStorageDriver(await createAzureConnection(data as AzureBlobCredentialData));
	}

	async listContainers(): Promise<ContainerInfo[]> {
		return (await listContainers(this.connection)).map(toContainerInfo);
	}

	async createContainer(name: string, options: { ifNotExists?: boolean } = {}) {
		const { created, container } = await createContainer(this.connection, name, {
			ifNotExists: options.ifNotExists,
		});
		return { created, container: toContainerInfo(container) };
	}

	async getContainer(name: string): Promise<ContainerInfo> {
		return toContainerInfo(await getContainerProperties(this.connection, name));
	}

	async deleteContainer(name: string, options: { force?: boolean } = {}): Promise<void> {
		await deleteContainer(this.connection, name, { force: options.force });
	}

	async listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage> {
		const page = await listBlobsPage(this.connection, container, {
			prefix: options.prefix,
			delimiter: options.delimiter,
			pageSize: options.pageSize,
			pageToken: options.pageToken,
			includeMetadata: true,
		});
		return {
			objects: page.blobs.map(toObjectInfo),
			prefixes: page.prefixes.map((prefix) => ({ container, prefix })),
			nextPageToken: page.nextPageToken,
		};
	}

	async headObject(container: string, key: string): Promise<ObjectInfo> {
		return toObjectInfo(await getBlobProperties(this.connection, container, key));
	}

	async upload(
		container: string,
		key: string,
		body: UploadBody,
		options: UploadOptions = {},
	): Promise<ObjectInfo> {
		let metadata: Record<string, string>;
		try {
			metadata = checkMetadata(
				Object.entries(options.metadata ?? {}).map(([name, value]) => ({ name, value })),
				'metadata',
				'"Metadata"',
			);
		} catch (error) {
			discardBody(body);
			throw error;
		}
		return toObjectInfo(
			await uploadBlob(this.connection, container, key, body, {
				contentType: options.contentType,
				metadata,
				size: options.size,
				expectedMd5: options.expectedMd5,
			}),
		);
	}

	async download(
		container: string,
		key: string,
		range?: ByteRange,
		options?: DownloadOptions,
	): Promise<DownloadResult> {
		const { info, stream } = await downloadBlob(
			this.connection,
			container,
			key,
			range,
			{},
			options,
		);
		return { info: toObjectInfo(info), stream };
	}

	async copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	): Promise<ObjectInfo> {
		const { copySource: _copySource, ...info } = await copyBlob(
			this.connection,
			{ container: source.container, blob: source.key },
			{ container: target.container, blob: target.key },
			{},
			{ containerParameter: 'targetContainer', blobParameter: 'targetKey' },
		);
		return toObjectInfo(info);
	}

	async deleteObject(container: string, key: string): Promise<void> {
		await deleteBlob(this.connection, container, key, { deleteSnapshots: 'include' });
	}

	async deleteObjects(
		container: string,
		keys: string[],
	): Promise<Array<{ key: string; deleted: boolean; error?: string }>> {
		return await pool(keys, DELETE_CONCURRENCY, async (key) => {
			try {
				await this.deleteObject(container, key);
				return { key, deleted: true };
			} catch (error) {
				// Per-key problems are reported; failures of the whole service (network) stop.
				if (!(error instanceof StorageError)) throw error;
				return { key, deleted: false, error: error.message };
			}
		});
	}

	async getUrl(container: string, key: string, options: UrlOptions): Promise<string> {
		const { url } = await generateBlobSasUrl(this.connection, container, key, {
			permissions: options.method === 'PUT' ? ['create', 'write'] : ['read'],
			expiresInSeconds: options.expiresIn,
		});
		return url;
	}

	async close(): Promise<void> {
		await closeAzureConnection(this.connection);
	}
}
