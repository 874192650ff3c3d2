/**
 * Where the Local backend's names lead, and whether they may: the root, containers, objects and
 * the driver's own folders, each checked against n8n's file-access rules after its symbolic
 * links are resolved, with an error that names the parameter.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import {
	FileAccessDeniedError,
	InvalidNameError,
	ObjectNotFoundError,
	ContainerNotFoundError,
	StorageError,
} from '../../errors';
import { assertContainerName, assertObjectKey, parameterLabel } from '../../names';
import { resolveLikeN8n, type FileAccessRules } from '../../../host/fileAccess';

export const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** The longest file or folder name (in bytes) the common filesystems allow (NAME_MAX). */
const MAX_NAME_BYTES = 255;

export class LocalPaths {
	private realRoot?: string;

	constructor(
		private readonly configuredRoot: string,
		readonly rules: FileAccessRules,
	) {}

	/** The root, resolved and checked once (n8n may access it, it exists, it is a folder). */
	async root(): Promise<string> {
		if (this.realRoot) return this.realRoot;
		// Checked before anything else is learnt about it: a forbidden folder is not even probed.
		let resolved: string;
		try {
			resolved = await resolveLikeN8n(this.configuredRoot);
		} catch {
			resolved = '';
		}
		if (!path.isAbsolute(this.configuredRoot) || !resolved || this.rules.isBlocked(resolved)) {
			throw new FileAccessDeniedError(
				`n8n may not access the folder "${this.configuredRoot}" set as the root of the Local credential`,
			);
		}
		try {
			this.realRoot = await fs.realpath(this.configuredRoot);
		} catch {
			throw new StorageError(
				'Auth',
				`The root folder "${this.configuredRoot}" of the Local credential does not exist`,
			);
		}
		if (!(await fs.stat(this.realRoot)).isDirectory()) {
			throw new StorageError(
				'Auth',
				`The root folder "${this.configuredRoot}" of the Local credential is not a folder`,
			);
		}
		return this.realRoot;
	}

	async containerPath(name: string, parameter = 'container'): Promise<string> {
		assertContainerName(name, parameter);
		if (!CONTAINER_NAME.test(name)) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${parameterLabel(parameter)} "${name}": use 1-255 letters, digits, ".", "_" or "-", starting with a letter or digit`,
			);
		}
		const dir = path.join(await this.root(), name);
		if (this.rules.isBlocked(dir)) {
			throw new FileAccessDeniedError(
				`n8n may not access the ${parameterLabel(parameter)} "${name}"`,
				parameter,
			);
		}
		return dir;
	}

	/** A folder of the driver's own under the root (uploads in progress, metadata). */
	async bookkeepingDir(name: string): Promise<string> {
		const dir = path.join(await this.root(), name);
		if (this.rules.isBlocked(dir)) {
			throw new FileAccessDeniedError(
				`n8n may not access the folder "${name}" the Local backend keeps in its root for uploads and metadata`,
			);
		}
		return dir;
	}

	async existingContainerPath(name: string, parameter = 'container'): Promise<string> {
		const dir = await this.containerPath(name, parameter);
		const stat = await fs.lstat(dir).catch(() => undefined);
		if (!stat?.isDirectory()) throw new ContainerNotFoundError(name, parameter);
		return dir;
	}

	async objectPath(
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

	async existingObjectPath(
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

	async makeParentDirs(container: string, target: string): Promise<string | undefined> {
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

	async assertNotDirectory(target: string, key: string): Promise<void> {
		const stat = await fs.lstat(target).catch(() => undefined);
		if (stat && !stat.isFile()) {
			throw new InvalidNameError(
				'key',
				`The ${parameterLabel('key')} "${key}" is a folder of other objects`,
			);
		}
	}
}

/** A key part the filesystem cannot hold: named by the parameter, never by a path of the server. */
function nameTooLong(parameter: string): InvalidNameError {
	return new InvalidNameError(
		parameter,
		`The ${parameterLabel(parameter)} is too long for the filesystem of the n8n server: each part between "/" may hold at most ${MAX_NAME_BYTES} bytes, and the whole path a few thousand`,
	);
}
