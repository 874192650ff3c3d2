import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import {
	isContainedWithin,
	n8nFileAccessRules,
	resolveLikeN8n,
} from '../../../nodes/shared/host/fileAccess';
import { fileAccessRulesOf } from '../../../nodes/shared/host/contextRules';

const HOME = '/home/node';

/** Which of `paths` n8n's rules forbid under `env` (HOME is /home/node unless set). */
function blocked(env: NodeJS.ProcessEnv, paths: string[]): string[] {
	const rules = n8nFileAccessRules({ HOME, ...env });
	return paths.filter((candidate) => rules.isBlocked(candidate));
}

describe("n8n's file-access rules (as n8n 2.40's isFilePathBlocked)", () => {
	it('by default: only ~/.n8n-files, never ~/.n8n or ~/.cache/n8n/public, never a .git folder', () => {
		expect(
			blocked({}, [
				'/home/node/.n8n-files',
				'/home/node/.n8n-files/a.txt',
				'/home/node/.n8n-files/repo/.git',
				'/home/node/.n8n-files/repo/.git/config',
				'/home/node/.n8n-files/repo/.gitignore',
				'/home/node/.n8n-files-other/a.txt',
				'/home/node/.n8n/config',
				'/home/node/.cache/n8n/public/index.html',
				'/etc/passwd',
			]),
		).toEqual([
			'/home/node/.n8n-files/repo/.git',
			'/home/node/.n8n-files/repo/.git/config',
			'/home/node/.n8n-files-other/a.txt',
			'/home/node/.n8n/config',
			'/home/node/.cache/n8n/public/index.html',
			'/etc/passwd',
		]);
	});

	it('N8N_RESTRICT_FILE_ACCESS_TO: folders separated by ";", "~" is the home folder, quotes dropped, empty means no restriction', () => {
		const paths = ['/srv/data/x', '/srv/database/x', '/home/node/files/x', '/tmp/x'];
		expect(blocked({ N8N_RESTRICT_FILE_ACCESS_TO: ' /srv/data ; ~/files;' }, paths)).toEqual([
			'/srv/database/x',
			'/tmp/x',
		]);
		expect(blocked({ N8N_RESTRICT_FILE_ACCESS_TO: '"/srv/data"' }, paths)).toEqual([
			'/srv/database/x',
			'/home/node/files/x',
			'/tmp/x',
		]);
		expect(blocked({ N8N_RESTRICT_FILE_ACCESS_TO: '' }, paths)).toEqual([]);
	});

	it("n8n's own files stay forbidden inside an allowed folder, wherever the settings put them", () => {
		const env = {
			N8N_RESTRICT_FILE_ACCESS_TO: '',
			N8N_USER_FOLDER: '/data/n8n',
			N8N_BINARY_DATA_STORAGE_PATH: '/data/binary',
			N8N_CONFIG_FILES: '/etc/n8n/a.json,/etc/n8n/b.json',
			N8N_CUSTOM_EXTENSIONS: '/opt/ext1;/opt/ext2',
			N8N_UM_EMAIL_TEMPLATES_INVITE: '/opt/mail/invite.html',
			N8N_UM_EMAIL_TEMPLATES_PWRESET: '/opt/mail/reset.html',
		};
		const paths = [
			'/data/n8n/.n8n/database.sqlite',
			'/data/n8n/.cache/n8n/public/x',
			'/data/n8n/other',
			'/home/node/.n8n/config',
			'/data/binary/workflows/1/x',
			'/data/binary-other',
			'/etc/n8n/a.json',
			'/etc/n8n/c.json',
			'/opt/ext2/node.js',
			'/opt/mail/invite.html',
			'/opt/mail/reset.html',
		];
		expect(blocked(env, paths)).toEqual([
			'/data/n8n/.n8n/database.sqlite',
			'/data/n8n/.cache/n8n/public/x',
			'/data/binary/workflows/1/x',
			'/etc/n8n/a.json',
			'/opt/ext2/node.js',
			'/opt/mail/invite.html',
			'/opt/mail/reset.html',
		]);
		// only the exact word "false" lifts the protection, as in n8n
		expect(
			blocked({ ...env, N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'false' }, paths.slice(0, 1)),
		).toEqual([]);
		expect(
			blocked({ ...env, N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'FALSE' }, paths.slice(0, 1)),
		).toEqual(paths.slice(0, 1));
	});

	it('N8N_BLOCK_FILE_PATTERNS: regular expressions separated by ";", case-insensitive; an invalid one blocks all', () => {
		const env = { N8N_RESTRICT_FILE_ACCESS_TO: '' };
		const paths = ['/srv/Secret.txt', '/srv/a.env', '/srv/a.env.bak', '/srv/.git/x', '/srv/ok'];
		expect(blocked({ ...env, N8N_BLOCK_FILE_PATTERNS: 'secret; \\.env$ ;' }, paths)).toEqual([
			'/srv/Secret.txt',
			'/srv/a.env',
		]);
		expect(blocked({ ...env, N8N_BLOCK_FILE_PATTERNS: '' }, paths)).toEqual([]);
		expect(blocked({ ...env, N8N_BLOCK_FILE_PATTERNS: 'ok;(' }, paths)).toEqual(paths);
	});

	it('reads a setting from <NAME>_FILE like n8n, and refuses everything when that file cannot be read', async () => {
		const dir = await fs.mkdtemp(path.join(tmpdir(), 'cloudpack-settings-'));
		try {
			const file = path.join(dir, 'restrict');
			await fs.writeFile(file, '/srv/data\n');
			expect(
				blocked({ N8N_RESTRICT_FILE_ACCESS_TO_FILE: file }, ['/srv/data/x', '/srv/other']),
			).toEqual(['/srv/other']);
			// the variable itself wins over its _FILE
			expect(
				blocked({ N8N_RESTRICT_FILE_ACCESS_TO: '', N8N_RESTRICT_FILE_ACCESS_TO_FILE: file }, [
					'/srv/other',
				]),
			).toEqual([]);
			expect(
				blocked({ N8N_BLOCK_FILE_PATTERNS_FILE: path.join(dir, 'missing') }, [
					'/home/node/.n8n-files/a',
				]),
			).toEqual(['/home/node/.n8n-files/a']);
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});

	it('isContainedWithin: the folder itself or below it, never a sibling that shares the prefix', () => {
		expect(isContainedWithin('/srv/data', '/srv/data')).toBe(true);
		expect(isContainedWithin('/srv/data/', '/srv/data/a/b')).toBe(true);
		expect(isContainedWithin('/srv/data', '/srv/database')).toBe(false);
		expect(isContainedWithin('/srv/data', '/srv/data/../database')).toBe(false);
		// n8n's own quirk, kept: "/" contains nothing but itself
		expect(isContainedWithin('/', '/srv')).toBe(false);
	});

	it('resolveLikeN8n resolves the links of the deepest existing folder and keeps the rest', async () => {
		const dir = await fs.realpath(await fs.mkdtemp(path.join(tmpdir(), 'cloudpack-resolve-')));
		try {
			await fs.mkdir(path.join(dir, 'real'));
			await fs.symlink(path.join(dir, 'real'), path.join(dir, 'link'));
			expect(await resolveLikeN8n(path.join(dir, 'link'))).toBe(path.join(dir, 'real'));
			expect(await resolveLikeN8n(path.join(dir, 'link/new/deeper.txt'))).toBe(
				path.join(dir, 'real/new/deeper.txt'),
			);
			expect(await resolveLikeN8n(path.join(dir, 'missing/x'))).toBe(path.join(dir, 'missing/x'));
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});
});

describe('the rules of a context', () => {
	it("uses n8n's own isFilePathBlocked where the context has it", () => {
		const asked: string[] = [];
		const rules = fileAccessRulesOf({
			helpers: {
				isFilePathBlocked: (candidate: string) => {
					asked.push(candidate);
					return candidate.startsWith('/no');
				},
			},
		});
		expect([rules.isBlocked('/no/x'), rules.isBlocked('/yes/x')]).toEqual([true, false]);
		expect(asked).toEqual(['/no/x', '/yes/x']);
	});

	it("reads the server's settings where it has not (poll, list search, credential test)", () => {
		const saved = { ...process.env };
		try {
			process.env.N8N_RESTRICT_FILE_ACCESS_TO = '/srv/allowed';
			const rules = fileAccessRulesOf({ helpers: { httpRequest: () => undefined } });
			expect(rules.isBlocked('/srv/allowed/x')).toBe(false);
			expect(rules.isBlocked('/srv/other/x')).toBe(true);
			expect(fileAccessRulesOf({}).isBlocked('/srv/other/x')).toBe(true);
		} finally {
			process.env = saved;
		}
	});
});
