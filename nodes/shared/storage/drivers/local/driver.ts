import { randomUUID } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';

import type {
	ByteRange,
	ContainerInfo,
	DownloadOptions,
	DownloadResult,
	ListObjectsOptions,
	ObjectInfo,
	ObjectPage,
	PrefixInfo,
	StorageDriver,
	UploadBody,
	UploadOptions,
} from '../../driver';
import {
	DOWNLOAD_CHUNK_BYTES,
	md5Hash,
	ObjectChangedError,
	rangeOfObject,
	streamDownload,
} from '../../download';
import { PartPump, discardBody, partReader } from '../../parts';
import {
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	FileAccessDeniedError,
	NotSupportedError,
	StorageError,
} from '../../errors';
import { assertMd5, readExpectedMd5 } from '../../md5';
import { parameterLabel } from '../../names';
import { n8nFileAccessRules, type FileAccessRules } from '../../../host/fileAccess';
import { compareKeys, holdsBlocked, md5OfFile, removeEmptyDirs, walkSorted } from './files';
import { CONTAINER_NAME, LocalPaths } from './paths';
import { Sidecars } from './sidecars';

/** Folder (under the root) for uploads in progress, renamed into place when complete. */
const TEMP_DIR = '.cloudpack-tmp';
const DEFAULT_PAGE_SIZE = 1000;
/** Bytes per read/write while uploading: two such buffers are in use at a time. */
const LOCAL_PART_SIZE = 1024 * 1024;

/**
 * The Local backend: a root folder; containers are its sub-folders, keys are paths
 * below them (they may hold "/"). Nothing outside the root is ever read or written, and
 * nothing n8n's file-access rules forbid (`rules`, see host/fileAccess.ts): every path is
 * checked after its symbolic links are resolved — the root, each container, each object and
 * the folders on the way to it (local/paths.ts) — and listings leave out what may not be read.
 */
export class LocalStorageDriver implements StorageDriver {
	readonly backendName = 'Local';
	private readonly paths: LocalPaths;
	private readonly sidecars: Sidecars;

	constructor(root: string, rules: FileAccessRules = n8nFileAccessRules()) {
		this.paths = new LocalPaths(root, rules);
		this.sidecars = new Sidecars(this.paths);
	}

	async listContainers(): Promise<ContainerInfo[]> {
		const root = await this.paths.root();
		const entries = await fs.readdir(root, { withFileTypes: true });
		const containers: ContainerInfo[] = [];
		for (const entry of entries.sort((a, b) => compareKeys(a.name, b.name))) {
			if (!entry.isDirectory() || !CONTAINER_NAME.test(entry.name)) continue;
			if (this.paths.rules.isBlocked(path.join(root, entry.name))) continue;
			const stat = await fs.stat(path.join(root, entry.name));
			containers.push({ name: entry.name, createdAt: stat.birthtime.toISOString() });
		}
		return containers;
	}

	async createContainer(name: string, options: { ifNotExists?: boolean } = {}) {
		const dir = await this.paths.containerPath(name);
		try {
			await fs.mkdir(dir);
			return { created: true, container: await this.getContainer(name) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (!options.ifNotExists) throw new ContainerAlreadyExistsError(name);
			return { created: false, container: await this.getContainer(name) };
		}
	}

	async getContainer(name: string): Promise<ContainerInfo> {
		const dir = await this.paths.existingContainerPath(name);
		const stat = await fs.stat(dir);
		return { name, createdAt: stat.birthtime.toISOString() };
	}

	async deleteContainer(name: string, options: { force?: boolean } = {}): Promise<void> {
		const dir = await this.paths.existingContainerPath(name);
		if (!options.force) {
			const entries = await fs.readdir(dir);
			if (entries.length > 0) throw new ContainerNotEmptyError(name);
			await fs.rmdir(dir);
		} else {
			if (await holdsBlocked(dir, this.paths.rules)) {
				throw new FileAccessDeniedError(
					`The ${parameterLabel('container')} "${name}" holds files n8n may not access; it was not deleted`,
					'container',
				);
			}
			await fs.rm(dir, { recursive: true, force: true });
		}
		await this.sidecars.removeContainer(name);
	}

	async listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage> {
		const dir = await this.paths.existingContainerPath(container);
		const prefix = options.prefix ?? '';
		const delimiter = options.delimiter ?? '';
		const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
		const startAfter = options.pageToken ?? '';
		const objects: ObjectInfo[] = [];
		const prefixes: PrefixInfo[] = [];
		let lastEntry = '';
		for await (const { key, fullPath } of walkSorted(dir, '', prefix, this.paths.rules)) {
			if (!key.startsWith(prefix)) continue;
			const rest = key.slice(prefix.length);
			const cut = delimiter ? rest.indexOf(delimiter) : -1;
			const entry = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : key;
			if (entry <= startAfter || entry === lastEntry) continue;
			if (objects.length + prefixes.length >= pageSize) {
				return { objects, prefixes, nextPageToken: lastEntry };
			}
			lastEntry = entry;
			if (cut >= 0) prefixes.push({ container, prefix: entry });
			else objects.push(await this.describe(container, key, fullPath, false));
		}
		return { objects, prefixes };
	}

	async headObject(container: string, key: string): Promise<ObjectInfo> {
		const file = await this.paths.existingObjectPath(container, key);
		return await this.describe(container, key, file, true);
	}

	async upload(
		container: string,
		key: string,
		body: UploadBody,
		options: UploadOptions = {},
	): Promise<ObjectInfo> {
		let target: string;
		let expected: string | undefined;
		try {
			expected = readExpectedMd5(options.expectedMd5);
			target = await this.paths.objectPath(container, key);
			await this.paths.existingContainerPath(container);
		} catch (error) {
			discardBody(body);
			throw error;
		}
		let tempDir: string;
		try {
			tempDir = await this.paths.bookkeepingDir(TEMP_DIR);
			await this.sidecars.dir();
		} catch (error) {
			discardBody(body);
			throw error;
		}
		await fs.mkdir(tempDir, { recursive: true });
		const temp = path.join(tempDir, `${randomUUID()}.part`);
		// Two pooled 1 MiB buffers: one is written while the next is read (see storage/parts.ts).
		const pump = new PartPump(partReader(body), {
			partSize: LOCAL_PART_SIZE,
			concurrency: 1,
			md5: true,
		});
		let createdDir: string | undefined;
		try {
			const out = await fs.open(temp, 'wx');
			try {
				await pump.sendAll(async (part) => {
					await out.write(part.data, 0, part.data.length, part.offset);
				});
			} finally {
				await out.close();
			}
			const md5 = pump.md5!;
			const size = pump.size;
			assertMd5(key, expected, md5);
			createdDir = await this.paths.makeParentDirs(container, target);
			await this.paths.assertNotDirectory(target, key);
			await fs.rename(temp, target);
			const stat = await fs.stat(target);
			await this.sidecars.write(container, {
				key,
				md5,
				size,
				mtimeMs: stat.mtimeMs,
				contentType: options.contentType,
				metadata: options.metadata,
			});
			return await this.describe(container, key, target, false);
		} catch (error) {
			await fs.rm(temp, { force: true });
			if (createdDir) await removeEmptyDirs(path.dirname(target), path.dirname(createdDir));
			throw error;
		} finally {
			await pump.close();
		}
	}

	/**
	 * Reads the file through the shared download path: a read that fails is resumed from the
	 * next byte while the file keeps the size and modification time it had (else the object
	 * changed); a whole object with a known MD5 (its sidecar) is checked as the bytes pass.
	 */
	async download(
		container: string,
		key: string,
		range?: ByteRange,
		options: DownloadOptions = {},
	): Promise<DownloadResult> {
		const file = await this.paths.existingObjectPath(container, key);
		const before = await fs.stat(file);
		const info = await this.describe(container, key, file, false);
		const { start, last, info: result } = rangeOfObject(info, range);
		const open = (from: number) =>
			last < from
				? Readable.from([])
				: createReadStream(file, { start: from, end: last, highWaterMark: DOWNLOAD_CHUNK_BYTES });
		const expectedHash =
			options.verifyHash !== false && !range && info.md5 ? md5Hash(info.md5) : undefined;
		return streamDownload({
			key,
			body: open(start),
			start,
			length: last - start + 1,
			reopen: async (from) => {
				const now = await fs.stat(file).catch(() => undefined);
				if (now?.size !== before.size || now.mtimeMs !== before.mtimeMs)
					throw new ObjectChangedError(key);
				return open(from);
			},
			expectedHash,
			info: result,
			range,
			options,
			noHashReason: 'no MD5 was recorded when it was written',
		});
	}

	async copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	) {
		// the target's names first, so that a bad one is named as the user knows it
		await this.paths.objectPath(target.container, target.key, 'targetKey', 'targetContainer');
		await this.paths.existingContainerPath(target.container, 'targetContainer');
		const from = await this.paths.existingObjectPath(
			source.container,
			source.key,
			'sourceKey',
			'sourceContainer',
		);
		const sidecar = await this.sidecars.read(source.container, source.key, from);
		return await this.upload(
			target.container,
			target.key,
			{ path: from, size: (await fs.stat(from)).size },
			{
				contentType: sidecar?.contentType,
				metadata: sidecar?.metadata,
			},
		);
	}

	async deleteObject(container: string, key: string): Promise<void> {
		const file = await this.paths.existingObjectPath(container, key);
		await fs.unlink(file);
		await this.sidecars.remove(container, key);
		await removeEmptyDirs(path.dirname(file), await this.paths.existingContainerPath(container));
	}

	async deleteObjects(container: string, keys: string[]) {
		const results: Array<{ key: string; deleted: boolean; error?: string }> = [];
		for (const key of keys) {
			try {
				await this.deleteObject(container, key);
				results.push({ key, deleted: true });
			} catch (error) {
				if (!(error instanceof StorageError)) throw error;
				results.push({ key, deleted: false, error: error.message });
			}
		}
		return results;
	}

	async getUrl(): Promise<string> {
		throw new NotSupportedError(this.backendName, 'signed or public URLs');
	}

	/** Checks the root now (n8n may access it, it exists, it is a folder) rather than on first use. */
	async open(): Promise<void> {
		await this.paths.root();
	}

	async close(): Promise<void> {
		// Nothing is held between calls: every file is opened and closed by the call that uses it.
	}

	private async describe(
		container: string,
		key: string,
		file: string,
		computeMd5: boolean,
	): Promise<ObjectInfo> {
		const stat = await fs.stat(file);
		const sidecar = await this.sidecars.read(container, key, file);
		const md5 = sidecar?.md5 ?? (computeMd5 ? await md5OfFile(file) : undefined);
		return {
			container,
			key,
			size: stat.size,
			lastModified: stat.mtime.toISOString(),
			etag: md5 ?? `${stat.size}-${Math.floor(stat.mtimeMs)}`,
			md5,
			contentType: sidecar?.contentType,
			metadata: sidecar?.metadata ?? {},
		};
	}
}
