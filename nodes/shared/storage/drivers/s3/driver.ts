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
import { assertBucketName, assertNewBucketName, assertS3Key } from './names';
import type { S3Service } from './service';

/**
 * The Cloud Storage node's S3 backend (AWS, Infomaniak or any S3-compatible store): a thin
 * adapter from the storage interface to S3Service, where every S3 operation lives.
 */
export class S3StorageDriver implements StorageDriver {
	readonly backendName = 'S3';

	constructor(readonly service: S3Service) {}

	async listContainers(): Promise<ContainerInfo[]> {
		return await this.service.listBuckets();
	}

	async createContainer(name: string, options: { ifNotExists?: boolean } = {}) {
		assertNewBucketName(name, 'containerName');
		return await this.service.createBucket(name, { ifNotExists: options.ifNotExists });
	}

	async getContainer(name: string): Promise<ContainerInfo> {
		assertBucketName(name);
		return await this.service.getBucket(name);
	}

	async deleteContainer(name: string, options: { force?: boolean } = {}): Promise<void> {
		assertBucketName(name);
		await this.service.deleteBucket(name, options);
	}

	async listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage> {
		assertBucketName(container);
		const page = await this.service.listObjectsPage(container, {
			prefix: options.prefix,
			delimiter: options.delimiter,
			continuationToken: options.pageToken,
			maxKeys: options.pageSize,
		});
		return {
			objects: page.objects,
			prefixes: page.prefixes,
			nextPageToken: page.nextContinuationToken,
		};
	}

	async headObject(container: string, key: string): Promise<ObjectInfo> {
		assertBucketName(container);
		assertS3Key(key);
		return await this.service.headObject(container, key);
	}

	async upload(
		container: string,
		key: string,
		body: UploadBody,
		options: UploadOptions = {},
	): Promise<ObjectInfo> {
		try {
			assertBucketName(container);
			assertS3Key(key);
		} catch (error) {
			discardBody(body);
			throw error;
		}
		return await this.service.upload(container, key, body, {
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
		assertBucketName(container);
		assertS3Key(key);
		return await this.service.download(container, key, range, options);
	}

	async copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	): Promise<ObjectInfo> {
		assertBucketName(source.container, 'sourceContainer');
		assertS3Key(source.key, 'sourceKey');
		assertBucketName(target.container, 'targetContainer');
		assertS3Key(target.key, 'targetKey');
		return await this.service.copy(
			{ bucket: source.container, key: source.key },
			{ bucket: target.container, key: target.key },
		);
	}

	/** ObjectNotFoundError when absent, as on every backend (S3 itself would not say). */
	async deleteObject(container: string, key: string): Promise<void> {
		assertBucketName(container);
		assertS3Key(key);
		await this.service.deleteObject(container, key);
	}

	async deleteObjects(container: string, keys: string[]) {
		assertBucketName(container);
		for (const key of keys) assertS3Key(key, 'keys');
		return (await this.service.deleteObjects(container, keys)).map(({ key, deleted, error }) => ({
			key,
			deleted,
			...(error ? { error } : {}),
		}));
	}

	async getUrl(container: string, key: string, options: UrlOptions): Promise<string> {
		assertBucketName(container);
		assertS3Key(key);
		return await this.service.presign(container, key, {
			method: options.method,
			expiresIn: options.expiresIn,
		});
	}

	async close(): Promise<void> {
		this.service.destroy();
	}
}
