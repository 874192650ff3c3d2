/**
 * The Local backend's metadata of each object (MD5, content type, metadata), kept in a JSON
 * "sidecar" file per object in a folder of the driver's own, trusted only while it still
 * describes the file as it is on disk.
 */
import { createHash, randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

import type { LocalPaths } from './paths';

/** Folder (under the root) holding per-object metadata; never a valid container name. */
const META_DIR = '.cloudpack-meta';

export interface Sidecar {
	key: string;
	md5: string;
	size: number;
	mtimeMs: number;
	contentType?: string;
	metadata?: Record<string, string>;
}

export class Sidecars {
	constructor(private readonly paths: LocalPaths) {}

	/** The metadata folder, checked against n8n's file-access rules. */
	async dir(): Promise<string> {
		return await this.paths.bookkeepingDir(META_DIR);
	}

	async remove(container: string, key: string): Promise<void> {
		await fs.rm(await this.pathOf(container, key), { force: true });
	}

	/** Forgets every object of a deleted container. */
	async removeContainer(container: string): Promise<void> {
		await fs.rm(path.join(await this.dir(), container), { recursive: true, force: true });
	}

	async write(container: string, sidecar: Sidecar): Promise<void> {
		const file = await this.pathOf(container, sidecar.key);
		await fs.mkdir(path.dirname(file), { recursive: true });
		const temp = `${file}.${randomUUID()}.tmp`;
		await fs.writeFile(temp, JSON.stringify(sidecar));
		await fs.rename(temp, file);
	}

	/** The sidecar, if it still describes the file as it is on disk. */
	async read(container: string, key: string, file: string): Promise<Sidecar | undefined> {
		try {
			const sidecar = JSON.parse(
				await fs.readFile(await this.pathOf(container, key), 'utf8'),
			) as Sidecar;
			const stat = await fs.stat(file);
			if (sidecar.key === key && sidecar.size === stat.size && sidecar.mtimeMs === stat.mtimeMs)
				return sidecar;
		} catch {
			// no sidecar: the file was put there by something else
		}
		return undefined;
	}

	private async pathOf(container: string, key: string): Promise<string> {
		const name = createHash('sha256').update(key).digest('hex');
		return path.join(await this.dir(), container, `${name}.json`);
	}
}
