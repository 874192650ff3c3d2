import type { Readable } from 'stream';

import type { RetryPolicy } from '../transport/retryPolicy';
import type { ParallelRangesOptions } from './parallelRanges';

/** A container (bucket) as every backend reports it. */
export interface ContainerInfo {
	name: string;
	createdAt?: string;
	[extra: string]: unknown;
}

/** An object (blob) as every backend reports it. */
export interface ObjectInfo {
	container: string;
	key: string;
	size: number;
	/** ISO 8601 */
	lastModified?: string;
	etag?: string;
	/** hex MD5 of the content, where the backend knows it */
	md5?: string;
	contentType?: string;
	metadata?: Record<string, string>;
	[extra: string]: unknown;
}

/** A common prefix ("folder") returned when listing with a delimiter. */
export interface PrefixInfo {
	container: string;
	prefix: string;
}

export interface ListObjectsOptions {
	prefix?: string;
	delimiter?: string;
	/** Opaque continuation token returned by the previous page. */
	pageToken?: string;
	/** Upper bound on the entries in this page (drivers may return fewer). */
	pageSize?: number;
}

export interface ObjectPage {
	objects: ObjectInfo[];
	prefixes: PrefixInfo[];
	nextPageToken?: string;
}

/**
 * A file holding exactly the bytes to upload (n8n's filesystem binary store): drivers read
 * it by position into their own buffers instead of streaming it chunk by chunk.
 */
export interface UploadFile {
	path: string;
	size: number;
}

/** What an upload reads: a stream, or a file (see `./parts` for helpers taking either). */
export type UploadBody = Readable | UploadFile;

export interface UploadOptions {
	contentType?: string;
	metadata?: Record<string, string>;
	/** Known size in bytes, when the caller has it (lets drivers pick multipart). */
	size?: number;
	/** hex MD5 the content must have; the driver refuses to keep a mismatching upload. */
	expectedMd5?: string;
}

export interface ByteRange {
	/** first byte, inclusive */
	start: number;
	/** last byte, inclusive; open-ended when absent */
	end?: number;
}

export interface DownloadOptions {
	/** Check the object's stored whole hash as the bytes pass (on unless false). */
	verifyHash?: boolean;
	/** Overrides of the shared retry policy for this download (attempts, idle timeout…). */
	policy?: Partial<RetryPolicy>;
	/** A big object is read as parallel ranges (storage/parallelRanges.ts); false: one stream. */
	ranges?: ParallelRangesOptions | false;
}

export interface DownloadResult {
	info: ObjectInfo;
	stream: Readable;
}

export interface UrlOptions {
	/** seconds */
	expiresIn: number;
	method: 'GET' | 'PUT';
}

/**
 * The one storage interface. Every backend implements it; the Cloud Storage node and
 * the shared object operations use only this. Drivers throw the typed errors of
 * `./errors` and never buffer a whole object in memory.
 */
export interface StorageDriver {
	/** Human name used in messages, e.g. "Local". */
	readonly backendName: string;

	listContainers(): Promise<ContainerInfo[]>;
	/** Throws ContainerAlreadyExistsError unless `ifNotExists`. Returns whether it was created. */
	createContainer(
		name: string,
		options?: { ifNotExists?: boolean },
	): Promise<{ created: boolean; container: ContainerInfo }>;
	getContainer(name: string): Promise<ContainerInfo>;
	/** Throws ContainerNotEmptyError unless `force`. */
	deleteContainer(name: string, options?: { force?: boolean }): Promise<void>;

	listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage>;
	headObject(container: string, key: string): Promise<ObjectInfo>;
	upload(
		container: string,
		key: string,
		body: UploadBody,
		options?: UploadOptions,
	): Promise<ObjectInfo>;
	/**
	 * Streams the object (or a range) through the shared download path (`./download`):
	 * resumed when the body breaks, pinned to one version, its hash checked unless turned off.
	 */
	download(
		container: string,
		key: string,
		range?: ByteRange,
		options?: DownloadOptions,
	): Promise<DownloadResult>;
	copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	): Promise<ObjectInfo>;
	/** Throws ObjectNotFoundError when the object does not exist. */
	deleteObject(container: string, key: string): Promise<void>;
	/** Deletes what exists; reports per-key failures instead of stopping. */
	deleteObjects(
		container: string,
		keys: string[],
	): Promise<Array<{ key: string; deleted: boolean; error?: string }>>;
	/** Throws NotSupportedError where the backend cannot make a URL. */
	getUrl(container: string, key: string, options: UrlOptions): Promise<string>;

	/**
	 * Releases what the driver holds (SDK clients, sockets, agents). Every caller calls it
	 * once it is done with the driver (the router at the end of a run, the trigger after a
	 * poll, a picker after its search); the driver is not used afterwards.
	 */
	close(): Promise<void>;
}
