import { promises as fs } from 'fs';
import { homedir } from 'os';
import * as path from 'path';

import { readN8nString, serverEnvironment } from './n8nSettings';

/**
 * n8n's rules for the files a node may touch, as n8n 2.x applies them in its file-system
 * helpers (`isFilePathBlocked` of n8n-core), reproduced for the contexts that do not offer
 * those helpers (a trigger's poll, a picker's list search, a credential test):
 *
 * 1. n8n's own files are off limits unless `N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES=false`: its
 *    user folder (`~/.n8n`, or `$N8N_USER_FOLDER/.n8n`), its static cache
 *    (`~/.cache/n8n/public`), the files of `N8N_CONFIG_FILES`, the folders of
 *    `N8N_CUSTOM_EXTENSIONS`, the binary-data folder `N8N_BINARY_DATA_STORAGE_PATH` and the
 *    e-mail templates;
 * 2. a path matching one of the regular expressions of `N8N_BLOCK_FILE_PATTERNS`
 *    (default: anything inside a `.git` folder) is off limits; a pattern that does not
 *    compile blocks everything, as in n8n;
 * 3. when `N8N_RESTRICT_FILE_ACCESS_TO` lists folders (default `~/.n8n-files`; empty means
 *    no restriction), only paths inside one of them are allowed.
 *
 * Paths are checked after symbolic links are resolved (`resolveLikeN8n`), so a link cannot
 * lead around the rules. When a setting cannot be read (its `_FILE` is unreadable), every
 * path is refused.
 */
export interface FileAccessRules {
	/** Whether n8n forbids this path; give it resolved (see `resolveLikeN8n`). */
	isBlocked(resolvedPath: string): boolean;
}

/** n8n's default for N8N_RESTRICT_FILE_ACCESS_TO (n8n 2.x). */
export const DEFAULT_RESTRICT_FILE_ACCESS_TO = '~/.n8n-files';
/** n8n's default for N8N_BLOCK_FILE_PATTERNS (n8n 2.40): a .git folder and anything inside it. */
export const DEFAULT_BLOCK_FILE_PATTERNS = '^(?:[^/]*/)*\\.git(?:/.*)?$';

/** The folder n8n keeps its home in: N8N_USER_FOLDER, else $HOME, else the working folder. */
function userHome(env: NodeJS.ProcessEnv): string {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- n8n's own last resort
	return env.N8N_USER_FOLDER ?? env.HOME ?? process.cwd();
}

/** isContainedWithin of n8n's backend-common: the same path or below it. */
export function isContainedWithin(parentPath: string, childPath: string): boolean {
	const parent = path.resolve(parentPath);
	const child = path.resolve(childPath);
	return parent === child || child.startsWith(parent + path.sep);
}

function allowedPaths(restrictFileAccessTo: string, env: NodeJS.ProcessEnv): string[] {
	const home = env.HOME ?? homedir();
	return restrictFileAccessTo
		.split(';')
		.map((entry) => entry.trim())
		.filter((entry) => entry)
		.map((entry) => (entry.startsWith('~') ? entry.replace('~', home) : entry));
}

function n8nRestrictedPaths(env: NodeJS.ProcessEnv): string[] {
	const home = userHome(env);
	const restricted = [path.join(home, '.n8n'), path.join(home, '.cache/n8n/public')];
	if (env.N8N_CONFIG_FILES) restricted.push(...env.N8N_CONFIG_FILES.split(','));
	if (env.N8N_CUSTOM_EXTENSIONS) restricted.push(...env.N8N_CUSTOM_EXTENSIONS.split(';'));
	for (const name of [
		'N8N_BINARY_DATA_STORAGE_PATH',
		'N8N_UM_EMAIL_TEMPLATES_INVITE',
		'N8N_UM_EMAIL_TEMPLATES_PWRESET',
	]) {
		if (env[name]) restricted.push(env[name] as string);
	}
	return restricted;
}

function isPatternBlocked(patterns: string, resolvedPath: string): boolean {
	const normalized = path.posix.normalize(resolvedPath.replace(/\\/g, '/'));
	return patterns
		.split(';')
		.map((pattern) => pattern.trim())
		.filter((pattern) => pattern)
		.some((pattern) => {
			try {
				return new RegExp(pattern, 'mi').test(normalized);
			} catch {
				return true;
			}
		});
}

/** The rules of the n8n server this process belongs to, read from its settings. */
export function n8nFileAccessRules(env: NodeJS.ProcessEnv = serverEnvironment()): FileAccessRules {
	const restrict = readN8nString(
		'N8N_RESTRICT_FILE_ACCESS_TO',
		DEFAULT_RESTRICT_FILE_ACCESS_TO,
		env,
	);
	const blockPatterns = readN8nString('N8N_BLOCK_FILE_PATTERNS', DEFAULT_BLOCK_FILE_PATTERNS, env);
	// Unknown rules: nothing is allowed.
	if (restrict === undefined || blockPatterns === undefined) return { isBlocked: () => true };
	const allowed = allowedPaths(restrict, env);
	// n8n's helper reads this switch straight from the environment: only "false" turns it off.
	const restricted =
		env.N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES !== 'false' ? n8nRestrictedPaths(env) : [];
	return {
		isBlocked(resolvedPath: string): boolean {
			if (restricted.some((entry) => isContainedWithin(entry, resolvedPath))) return true;
			if (isPatternBlocked(blockPatterns, resolvedPath)) return true;
			if (allowed.length > 0)
				return !allowed.some((entry) => isContainedWithin(entry, resolvedPath));
			return false;
		},
	};
}

/**
 * The path with every symbolic link resolved, as n8n's `resolvePath` does it, extended to
 * paths of which several trailing parts do not exist yet: the deepest existing ancestor is
 * resolved and the rest appended.
 */
export async function resolveLikeN8n(target: string): Promise<string> {
	const absolute = path.resolve(target);
	let probe = absolute;
	for (;;) {
		try {
			const real = await fs.realpath(probe);
			return probe === absolute ? real : path.join(real, path.relative(probe, absolute));
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
		}
		const parent = path.dirname(probe);
		if (parent === probe) return absolute;
		probe = parent;
	}
}
