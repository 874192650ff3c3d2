import { createHash, randomUUID } from 'crypto';
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
} from '../driver';
import {
	DOWNLOAD_CHUNK_BYTES,
	hashCheckOutput,
	md5Hash,
	ObjectChangedError,
	rangeOfObject,
	resumableDownload,
} from '../download';
import { PartPump, discardBody, partReader } from '../parts';
import {
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	ContainerNotFoundError,
	FileAccessDeniedError,
	InvalidNameError,
	NotSupportedError,
	ObjectNotFoundError,
	StorageError,
} from '../errors';
import { assertMd5, readExpectedMd5 } from '../md5';
import { assertContainerName, assertObjectKey, parameterLabel } from '../names';
import { n8nFileAccessRules, resolveLikeN8n, type FileAccessRules } from '../../host/fileAccess';

/** Folder (under the root) holding per-object metadata; never a valid container name. */
const META_DIR = '.cloudpack-meta';
/** Folder (under the root) for uploads in progress, renamed into place when complete. */
const TEMP_DIR = '.cloudpack-tmp';
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const DEFAULT_PAGE_SIZE = 1000;
/** Bytes per read/write while uploading: two such buffers are in use at a time. */
const LOCAL_PART_SIZE = 1024 * 1024;
/** The longest file or folder name (in bytes) the common filesystems allow (NAME_MAX). */
const MAX_NAME_BYTES = 255;

interface Sidecar {
	key: string;
	md5: string;
	size: number;
	mtimeMs: number;
	contentType?: string;
	metadata?: Record<string, string>;
}

/**
 * The Local backend: a root folder; containers are its sub-folders, keys are paths
 * below them (they may hold "/"). Nothing outside the root is ever read or written, and
 * nothing n8n's file-access rules forbid (`rules`, see host/fileAccess.ts): every path is
 * checked after its symbolic links are resolved — the root, each container, each object and
 * the folders on the way to it — and listings leave out what may not be read.
 */
export class LocalStorageDriver implements StorageDriver {
	readonly backendName = 'Local';
	private realRoot?: string;

	constructor(
		private readonly root: string,
		private readonly rules: FileAccessRules = n8nFileAccessRules(),
	) {}

	async listContainers(): Promise<ContainerInfo[]> {
		const root = await this.getRoot();
		const entries = await fs.readdir(root, { withFileTypes: true });
		const containers: ContainerInfo[] = [];
		for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
			if (!entry.isDirectory() || !CONTAINER_NAME.test(entry.name)) continue;
			if (this.rules.isBlocked(path.join(root, entry.name))) continue;
			const stat = await fs.stat(path.join(root, entry.name));
			containers.push({ name: entry.name, createdAt: stat.birthtime.toISOString() });
		}
		return containers;
	}

	async createContainer(name: string, options: { ifNotExists?: boolean } = {}) {
		const dir = await this.containerPath(name);
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
		const dir = await this.existingContainerPath(name);
		const stat = await fs.stat(dir);
		return { name, createdAt: stat.birthtime.toISOString() };
	}

	async deleteContainer(name: string, options: { force?: boolean } = {}): Promise<void> {
		const dir = await this.existingContainerPath(name);
		if (!options.force) {
			const entries = await fs.readdir(dir);
			if (entries.length > 0) throw new ContainerNotEmptyError(name);
			await fs.rmdir(dir);
		} else {
			if (await holdsBlocked(dir, this.rules)) {
				throw new FileAccessDeniedError(
					`The ${parameterLabel('container')} "${name}" holds files n8n may not access; it was not deleted`,
					'container',
				);
			}
			await fs.rm(dir, { recursive: true, force: true });
		}
		await fs.rm(path.join(await this.bookkeepingDir(META_DIR), name), {
			recursive: true,
			force: true,
		});
	}

	async listObjects(container: string, options: ListObjectsOptions): Promise<ObjectPage> {
		const dir = await this.existingContainerPath(container);
		const prefix = options.prefix ?? '';
		const delimiter = options.delimiter ?? '';
		const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
		const startAfter = options.pageToken ?? '';
		const objects: ObjectInfo[] = [];
		const prefixes: PrefixInfo[] = [];
		let lastEntry = '';
		for await (const { key, fullPath } of walkSorted(dir, '', prefix, this.rules)) {
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
		const file = await this.existingObjectPath(container, key);
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
			target = await this.objectPath(container, key);
			await this.existingContainerPath(container);
		} catch (error) {
			discardBody(body);
			throw error;
		}
		let tempDir: string;
		try {
			tempDir = await this.bookkeepingDir(TEMP_DIR);
			await this.bookkeepingDir(META_DIR);
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
			createdDir = await this.makeParentDirs(container, target);
			await this.assertNotDirectory(target, key);
			await fs.rename(temp, target);
			const stat = await fs.stat(target);
			await this.writeSidecar(container, {
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
		const file = await this.existingObjectPath(container, key);
		const before = await fs.stat(file);
		const info = await this.describe(container, key, file, false);
		const { start, last, info: result } = rangeOfObject(info, range);
		const open = (from: number) =>
			last < from
				? Readable.from([])
				: createReadStream(file, { start: from, end: last, highWaterMark: DOWNLOAD_CHUNK_BYTES });
		const expectedHash =
			options.verifyHash !== false && !range && info.md5 ? md5Hash(info.md5) : undefined;
		const stream = resumableDownload({
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
			policy: options.policy,
		});
		Object.assign(
			result,
			hashCheckOutput(expectedHash, range, options, 'no MD5 was recorded when it was written'),
		);
		return { info: result, stream };
	}

	async copy(
		source: { container: string; key: string },
		target: { container: string; key: string },
	) {
		// the target's names first, so that a bad one is named as the user knows it
		await this.objectPath(target.container, target.key, 'targetKey', 'targetContainer');
		await this.existingContainerPath(target.container, 'targetContainer');
		const from = await this.existingObjectPath(
			source.container,
			source.key,
			'sourceKey',
			'sourceContainer',
		);
		const sidecar = await this.readSidecar(source.container, source.key, from);
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
		const file = await this.existingObjectPath(container, key);
		await fs.unlink(file);
		await fs.rm(await this.sidecarPath(container, key), { force: true });
		await removeEmptyDirs(path.dirname(file), await this.existingContainerPath(container));
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
		await this.getRoot();
	}

	async close(): Promise<void> {
		// Nothing is held between calls: every file is opened and closed by the call that uses it.
	}

	// ---- paths and safety ------------------------------------------------------------

	private async getRoot(): Promise<string> {
		if (this.realRoot) return this.realRoot;
		// Checked before anything else is learnt about it: a forbidden folder is not even probed.
		let resolved: string;
		try {
			resolved = await resolveLikeN8n(this.root);
		} catch {
			resolved = '';
		}
		if (!path.isAbsolute(this.root) || !resolved || this.rules.isBlocked(resolved)) {
			throw new FileAccessDeniedError(
				`n8n may not access the folder "${this.root}" set as the root of the Local credential`,
			);
		}
		try {
			this.realRoot = await fs.realpath(this.root);
		} catch {
			throw new StorageError(
				'Auth',
				`The root folder "${this.root}" of the Local credential does not exist`,
			);
		}
		if (!(await fs.stat(this.realRoot)).isDirectory()) {
			throw new StorageError(
				'Auth',
				`The root folder "${this.root}" of the Local credential is not a folder`,
			);
		}
		return this.realRoot;
	}

	private async containerPath(name: string, parameter = 'container'): Promise<string> {
		assertContainerName(name, parameter);
		if (!CONTAINER_NAME.test(name)) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${parameterLabel(parameter)} "${name}": use 1-255 letters, digits, ".", "_" or "-", starting with a letter or digit`,
			);
		}
		const dir = path.join(await this.getRoot(), name);
		if (this.rules.isBlocked(dir)) {
			throw new FileAccessDeniedError(
				`n8n may not access the ${parameterLabel(parameter)} "${name}"`,
				parameter,
			);
		}
		return dir;
	}

	/** A folder of the driver's own under the root (uploads in progress, metadata). */
	private async bookkeepingDir(name: string): Promise<string> {
		const dir = path.join(await this.getRoot(), name);
		if (this.rules.isBlocked(dir)) {
			throw new FileAccessDeniedError(
				`n8n may not access the folder "${name}" the Local backend keeps in its root for uploads and metadata`,
			);
		}
		return dir;
	}

	private async existingContainerPath(name: string, parameter = 'container'): Promise<string> {
		const dir = await this.containerPath(name, parameter);
		const stat = await fs.lstat(dir).catch(() => undefined);
		if (!stat?.isDirectory()) throw new ContainerNotFoundError(name, parameter);
		return dir;
	}

	private async objectPath(
		container: string,
		key: string,
		parameter = 'key',
		containerParameter = 'container',
	): Promise<string> {
		assertObjectKey(key, parameter);
		if (
			key.startsWith('/') ||
			path.isAbsolute(key) ||
			key.endsWith('/') ||
			key.split('/').some((s) => s === '' || s === '.')
		) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${parameterLabel(parameter)} "${key}": it must be relative, without empty or "." segments, and not end with "/"`,
			);
		}
		if (key.split('/').some((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES)) {
			throw nameTooLong(parameter);
		}
		const dir = await this.containerPath(container, containerParameter);
		const file = path.join(dir, ...key.split('/'));
		await this.assertReachable(dir, file, parameter, key);
		return file;
	}

	private async existingObjectPath(
		container: string,
		key: string,
		parameter = 'key',
		containerParameter = 'container',
	): Promise<string> {
		const file = await this.objectPath(container, key, parameter, containerParameter);
		await this.existingContainerPath(container, containerParameter);
		const stat = await fs.stat(file).catch(() => undefined);
		if (!stat?.isFile()) throw new ObjectNotFoundError(container, key, parameter);
		return file;
	}

	/**
	 * Resolves the symbolic links on the way to `file` and refuses it when it leaves the
	 * container, or when n8n's file-access rules forbid it or a folder between the container
	 * and it (listings leave out the same paths, see walkSorted).
	 */
	private async assertReachable(
		dir: string,
		file: string,
		parameter: string,
		key: string,
	): Promise<void> {
		let resolved: string;
		let realDir: string;
		try {
			resolved = await resolveLikeN8n(file);
			realDir = await resolveLikeN8n(dir);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENAMETOOLONG') throw nameTooLong(parameter);
			if (code === 'ELOOP') {
				throw new InvalidNameError(
					parameter,
					`The ${parameterLabel(parameter)} "${key}" leads through a loop of symbolic links`,
				);
			}
			throw error;
		}
		if (resolved === realDir || !resolved.startsWith(realDir + path.sep)) {
			throw new InvalidNameError(
				parameter,
				`The ${parameterLabel(parameter)} "${key}" leads outside the container`,
			);
		}
		let current = realDir;
		for (const part of ['', ...path.relative(realDir, resolved).split(path.sep)]) {
			current = path.join(current, part);
			if (this.rules.isBlocked(current)) {
				throw new FileAccessDeniedError(
					`n8n may not access the ${parameterLabel(parameter)} "${key}"`,
					parameter,
				);
			}
		}
	}

	private async makeParentDirs(container: string, target: string): Promise<string | undefined> {
		try {
			return await fs.mkdir(path.dirname(target), { recursive: true });
		} catch (error) {
			if (
				(error as NodeJS.ErrnoException).code === 'EEXIST' ||
				(error as NodeJS.ErrnoException).code === 'ENOTDIR'
			) {
				throw new InvalidNameError(
					'key',
					`A part of the ${parameterLabel('key')} is an existing object in "${container}"`,
				);
			}
			throw error;
		}
	}

	private async assertNotDirectory(target: string, key: string): Promise<void> {
		const stat = await fs.lstat(target).catch(() => undefined);
		if (stat && !stat.isFile()) {
			throw new InvalidNameError(
				'key',
				`The ${parameterLabel('key')} "${key}" is a folder of other objects`,
			);
		}
	}

	private async sidecarPath(container: string, key: string): Promise<string> {
		const name = createHash('sha256').update(key).digest('hex');
		return path.join(await this.bookkeepingDir(META_DIR), container, `${name}.json`);
	}

	private async writeSidecar(container: string, sidecar: Sidecar): Promise<void> {
		const file = await this.sidecarPath(container, sidecar.key);
		await fs.mkdir(path.dirname(file), { recursive: true });
		const temp = `${file}.${randomUUID()}.tmp`;
		await fs.writeFile(temp, JSON.stringify(sidecar));
		await fs.rename(temp, file);
	}

	/** The sidecar, if it still describes the file as it is on disk. */
	private async readSidecar(
		container: string,
		key: string,
		file: string,
	): Promise<Sidecar | undefined> {
		try {
			const sidecar = JSON.parse(
				await fs.readFile(await this.sidecarPath(container, key), 'utf8'),
			) as Sidecar;
			const stat = await fs.stat(file);
			if (sidecar.key === key && sidecar.size === stat.size && sidecar.mtimeMs === stat.mtimeMs)
				return sidecar;
		} catch {
			// no sidecar: the file was put there by something else
		}
		return undefined;
	}

	private async describe(
		container: string,
		key: string,
		file: string,
		computeMd5: boolean,
	): Promise<ObjectInfo> {
		const stat = await fs.stat(file);
		const sidecar = await this.readSidecar(container, key, file);
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

/** A key part the filesystem cannot hold: named by the parameter, never by a path of the server. */
function nameTooLong(parameter: string): InvalidNameError {
	return new InvalidNameError(
		parameter,
		`The ${parameterLabel(parameter)} is too long for the filesystem of the n8n server: each part between "/" may hold at most ${MAX_NAME_BYTES} bytes, and the whole path a few thousand`,
	);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Yields the files below `dir` in lexicographic order of their keys, descending only
 * into folders that can hold keys starting with `prefix`. Symlinks are never followed, so
 * every path met is already resolved; files and folders n8n's rules forbid are left out
 * (a forbidden folder is not even read).
 */
async function* walkSorted(
	dir: string,
	base: string,
	prefix: string,
	rules: FileAccessRules,
): AsyncGenerator<{ key: string; fullPath: string }> {
	const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
	const sorted = entries
		.filter((e) => e.isFile() || e.isDirectory())
		.filter((e) => !rules.isBlocked(path.join(dir, e.name)))
		.map((e) => ({ entry: e, sortKey: base + e.name + (e.isDirectory() ? '/' : '') }))
		.sort((a, b) => compare(a.sortKey, b.sortKey));
	for (const { entry, sortKey } of sorted) {
		const fullPath = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (sortKey.startsWith(prefix) || prefix.startsWith(sortKey))
				yield* walkSorted(fullPath, sortKey, prefix, rules);
		} else if (sortKey.startsWith(prefix)) {
			yield { key: sortKey, fullPath };
		}
	}
}

/** Whether anything below `dir` (symlinks not followed) is forbidden by n8n's rules. */
async function holdsBlocked(dir: string, rules: FileAccessRules): Promise<boolean> {
	const entries = await fs.readdir(dir, { withFileTypes: true });
	for (const entry of entries) {
		const fullPath = path.join(dir, entry.name);
		if (rules.isBlocked(fullPath)) return true;
		if (entry.isDirectory() && (await holdsBlocked(fullPath, rules))) return true;
	}
	return false;
}

async function md5OfFile(file: string): Promise<string> {
	const hash = createHash('md5');
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Removes now-empty folders from `dir` upwards, stopping before `stopBefore`. */
async function removeEmptyDirs(dir: string, stopBefore: string): Promise<void> {
	let current = dir;
	while (current !== stopBefore && current.startsWith(stopBefore + path.sep)) {
		try {
			await fs.rmdir(current);
		} catch {
			return;
		}
		current = path.dirname(current);
	}
}
