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
import { closeGcsClient, type GcsClient } from './client';
import * as gcs from './operations';

/** The Google Cloud Storage backend of the Cloud Storage node: a thin layer over ./operations. */
export class GcsStorageDriver implements StorageDriver {
	readonly backendName = 'Google Cloud Storage';

	constructor(
		private readonly client: GcsClient,
		private readonly uploadDefaults: Pick<
			gcs.GcsUploadOptions,
			| 'resumableThreshold'
			| 'chunkSize'
			| 'compositeThreshold'
			| 'compositePartSize'
			| 'compositeConcurrency'
		> = {},
	) {}

	async listContainers(): Promise<ContainerInfo[]> {
		return await gcs.listBuckets(this.client);
	}

	async createContainer(name: string, options: { ifNotExists?: boolean } = {}) {
		return await gcs.createBucket(this.client, name, { ifNotExists: options.ifNotExists });
	}

	async getContainer(name: string): Promise<ContainerInfo> {
		return await gcs.getBucket(this.client, name);
	}

	async deleteContainer(name: string, options: { force?: boolean } = {}): Promise<void> {
		await gcs.deleteBucket(this.client, name, { force: options.force });
	}

	async listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage> {
		return await gcs.listObjectsPage(this.client, container, options);
	}

	async headObject(container: string, key: string): Promise<ObjectInfo> {
		return await gcs.getObject(this.client, container, key);
	}

	async upload(
		container: string,
		key: string,
		body: UploadBody,
		options: UploadOptions = {},
	): Promise<ObjectInfo> {
		return await gcs.uploadObject(this.client, container, key, body, {
			...this.uploadDefaults,
			...options,
		});
	}

	async download(
		container: string,
		key: string,
		range?: ByteRange,
		options?: DownloadOptions,
	): Promise<DownloadResult> {
		return await gcs.downloadObject(this.client, container, key, range, {}, options);
	}

	async copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	): Promise<ObjectInfo> {
		return await gcs.copyObject(this.client, source, target);
	}

	async deleteObject(container: string, key: string): Promise<void> {
		await gcs.deleteObject(this.client, container, key);
	}

	async deleteObjects(container: string, keys: string[]) {
		return await gcs.deleteObjects(this.client, container, keys);
	}

	async getUrl(container: string, key: string, options: UrlOptions): Promise<string> {
		return (await gcs.signedUrl(this.client, container, key, options)).url;
	}

	async close(): Promise<void> {
		await closeGcsClient(this.client);
	}
}
