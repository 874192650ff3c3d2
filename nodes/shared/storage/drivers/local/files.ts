/** Filesystem walks of the Local backend: sorted listing, forbidden-file check, MD5, cleanup. */
import { createHash } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';

import type { FileAccessRules } from '../../../host/fileAccess';

/** Byte-wise order of keys (the order every other backend lists in). */
export function compareKeys(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Yields the files below `dir` in lexicographic order of their keys, descending only
 * into folders that can hold keys starting with `prefix`. Symlinks are never followed, so
 * every path met is already resolved; files and folders n8n's rules forbid are left out
 * (a forbidden folder is not even read).
 */
export async function* walkSorted(
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
		.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
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
export async function holdsBlocked(dir: string, rules: FileAccessRules): Promise<boolean> {
	const entries = await fs.readdir(dir, { withFileTypes: true });
	for (const entry of entries) {
		const fullPath = path.join(dir, entry.name);
		if (rules.isBlocked(fullPath)) return true;
		if (entry.isDirectory() && (await holdsBlocked(fullPath, rules))) return true;
	}
	return false;
}

export async function md5OfFile(file: string): Promise<string> {
	const hash = createHash('md5');
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Removes now-empty folders from `dir` upwards, stopping before `stopBefore`. */
export async function removeEmptyDirs(dir: string, stopBefore: string): Promise<void> {
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
