import { execFile } from 'child_process';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	realpathSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';

import { listFiles, sleep, waitFor } from './harness/wait';
import { N8nInstance, PROJECT, ensureN8n } from './harness/n8n';
import { freePort } from './harness/ports';
import { N8nRest } from './harness/rest';
import { PACK, keyLocator, locator, makeFiles, manualTrigger, workflow } from './harness/workflow';

jest.setTimeout(15 * 60_000);

/**
 * n8n's file-access rules hold for the Local backend in every context n8n runs it in: a
 * workflow run (n8n execute), the Cloud Storage Trigger's polls (n8n start, published
 * workflows), the pickers and the credential test (n8n's REST API, as the editor calls it).
 *
 * The n8n server here allows the temporary folder (N8N_RESTRICT_FILE_ACCESS_TO), keeps its
 * binary data in a folder of container "shared" (N8N_BINARY_DATA_STORAGE_PATH), and blocks
 * `.git` folders and names holding "secret" (N8N_BLOCK_FILE_PATTERNS). Its user folder
 * (~/.n8n) lies below the allowed folder too.
 */
const run = promisify(execFile);
const TOLERANT = { onError: 'continueRegularOutput' } as Record<string, unknown>;
const PATTERNS = '^(?:[^/]*/)*\\.git(?:/.*)?$;secret';

const credential = (id: string, rootDirectory: string) => ({
	id,
	name: id,
	type: 'cloudPackLocalStorageApi',
	data: { rootDirectory },
});
const uses = (id: string) => ({ cloudPackLocalStorageApi: { id, name: id } });
const storage = (name: string, credentialId: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend: 'local', ...parameters },
	credentials: uses(credentialId),
	...TOLERANT,
});

describe("n8n's file-access rules for the Local backend, inside a real n8n", () => {
	let n8n: N8nInstance;
	let root: string;
	let home: string;
	let binaryData: string;

	beforeAll(async () => {
		const temp = realpathSync(tmpdir());
		root = mkdtempSync(path.join(temp, 'cloud-pack-rules-'));
		binaryData = path.join(root, 'shared', 'binary');
		mkdirSync(path.join(binaryData, 'workflows'), { recursive: true });
		writeFileSync(path.join(binaryData, 'workflows', 'planted.bin'), 'n8n binary data');
		writeFileSync(path.join(root, 'shared', 'mine.txt'), 'mine');
		mkdirSync(path.join(root, 'docs', 'repo', '.git'), { recursive: true });
		writeFileSync(path.join(root, 'docs', 'repo', '.git', 'config'), '[remote] token');
		writeFileSync(path.join(root, 'docs', 'readme.txt'), 'read me');
		writeFileSync(path.join(root, 'docs', 'secret-plan.txt'), 'the plan');
		symlinkSync(path.join(root, 'docs', 'repo', '.git'), path.join(root, 'docs', 'innocent'));
		mkdirSync(path.join(root, 'seen'));

		n8n = await N8nInstance.create({
			N8N_RESTRICT_FILE_ACCESS_TO: temp,
			N8N_BINARY_DATA_STORAGE_PATH: binaryData,
			N8N_BLOCK_FILE_PATTERNS: PATTERNS,
		});
		home = n8n.folder;
		await n8n.importCredentials([
			credential('localRules01', root),
			// the instance's home (HOME, N8N_USER_FOLDER) is a container of this root: ~/.n8n is a key
			credential('localTemp01', temp),
			credential('localEtc01', '/etc'),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		rmSync(root, { recursive: true, force: true });
	});

	it('a workflow run: forbidden roots, keys and folders fail per item, listings leave them out', async () => {
		const before = listFiles(root);
		const cases: Array<[string, string, Record<string, unknown>]> = [
			['Etc Root', 'localEtc01', { resource: 'container', operation: 'list', returnAll: true }],
			[
				'N8n Config',
				'localTemp01',
				{
					resource: 'object',
					operation: 'download',
					container: locator(path.basename(home)),
					key: keyLocator('.n8n/config'),
				},
			],
			[
				'Binary Data',
				'localRules01',
				{
					resource: 'object',
					operation: 'download',
					container: locator('shared'),
					key: keyLocator('binary/workflows/planted.bin'),
				},
			],
			[
				'Secret',
				'localRules01',
				{
					resource: 'object',
					operation: 'getMetadata',
					container: locator('docs'),
					key: keyLocator('secret-plan.txt'),
				},
			],
			[
				'Through Symlink',
				'localRules01',
				{
					resource: 'object',
					operation: 'download',
					container: locator('docs'),
					key: keyLocator('innocent/config'),
				},
			],
			[
				'Plant Hook',
				'localRules01',
				{
					resource: 'object',
					operation: 'upload',
					container: locator('docs'),
					key: 'innocent/hooks/post-checkout',
				},
			],
			[
				'Copy Out',
				'localRules01',
				{
					resource: 'object',
					operation: 'copy',
					sourceContainer: locator('shared'),
					sourceKey: keyLocator('binary/workflows/planted.bin'),
					targetContainer: locator('seen'),
					targetKey: 'stolen.bin',
				},
			],
			[
				'Force Delete',
				'localRules01',
				{ resource: 'container', operation: 'delete', container: locator('shared'), force: true },
			],
			[
				'List Shared',
				'localRules01',
				{ resource: 'object', operation: 'list', container: locator('shared'), returnAll: true },
			],
			[
				'List Docs',
				'localRules01',
				{ resource: 'object', operation: 'list', container: locator('docs'), returnAll: true },
			],
			[
				'List Home',
				'localTemp01',
				{
					resource: 'object',
					operation: 'list',
					container: locator(path.basename(home)),
					returnAll: true,
					options: { prefix: '.n8n/' },
				},
			],
			[
				'Readme',
				'localRules01',
				{
					resource: 'object',
					operation: 'download',
					container: locator('docs'),
					key: keyLocator('readme.txt'),
				},
			],
		];
		await n8n.importWorkflow(
			workflow(
				'e2eRulesExecute',
				[
					manualTrigger,
					makeFiles('Make', [{ fileName: 'hook.sh', text: '#!/bin/sh\necho owned' }]),
					...cases.map(([name, id, parameters]) => storage(name, id, parameters)),
				],
				cases.map(([name]) => ['Start', 'Make', name]),
			),
		);
		const result = await n8n.execute('e2eRulesExecute');
		const error = (name: string) => result.output(name).map((item) => item.json.error);

		expect(error('Etc Root')).toEqual([
			'n8n may not access the folder "/etc" set as the root of the Local credential',
		]);
		for (const name of ['N8n Config', 'Binary Data', 'Through Symlink', 'Plant Hook']) {
			expect(error(name)).toEqual([expect.stringMatching(/^n8n may not access the "Key" /)]);
		}
		expect(error('Secret')).toEqual(['n8n may not access the "Key" "secret-plan.txt"']);
		expect(error('Copy Out')).toEqual([
			expect.stringMatching(/^n8n may not access the "Source Key"/),
		]);
		expect(error('Force Delete')).toEqual([
			'The "Container" "shared" holds files n8n may not access; it was not deleted',
		]);
		for (const name of ['N8n Config', 'Secret', 'Force Delete']) {
			expect(result.output(name)[0].json.description).toMatch(/N8N_RESTRICT_FILE_ACCESS_TO/);
		}
		expect(result.output('List Shared').map((item) => item.json.key)).toEqual(['mine.txt']);
		expect(result.output('List Docs').map((item) => item.json.key)).toEqual(['readme.txt']);
		expect(result.output('List Home')).toEqual([]);
		expect(result.output('Readme')[0].binary?.data.fileName).toBe('readme.txt');

		// n8n's own binary data of this run was written into "shared/binary", and left out above
		const after = listFiles(root);
		expect(after.filter((file) => !file.startsWith('shared/binary/'))).toEqual(
			before.filter((file) => !file.startsWith('shared/binary/')),
		);
		expect(after.some((file) => file.startsWith('shared/binary/workflows/e2eRulesExecute/'))).toBe(
			true,
		);
		expect(readFileSync(path.join(binaryData, 'workflows', 'planted.bin'), 'utf8')).toBe(
			'n8n binary data',
		);
	});

	it('the trigger and the pickers (n8n start, the REST API of the editor) keep the same rules', async () => {
		const trigger = (name: string, credentialId: string, container: string) => ({
			name,
			type: `${PACK}.cloudStorageTrigger`,
			parameters: {
				backend: 'local',
				container: locator(container),
				download: true,
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			},
			credentials: uses(credentialId),
		});
		const markSeen = (name: string) =>
			storage(name, 'localRules01', {
				resource: 'object',
				operation: 'upload',
				container: locator('seen'),
				key: '={{ $json.container }}/{{ $json.key }}',
			});
		for (const [id, container] of [
			['e2eRulesWatchDocs', 'docs'],
			['e2eRulesWatchShared', 'shared'],
		]) {
			await n8n.importWorkflow(
				workflow(id, [trigger('New Objects', 'localRules01', container), markSeen('Mark Seen')]),
			);
			await n8n.publish(id);
		}
		await n8n.importWorkflow(
			workflow('e2eRulesWatchEtc', [trigger('Watch Etc', 'localEtc01', 'ssl'), markSeen('Mark')]),
		);
		await n8n.publish('e2eRulesWatchEtc');

		const port = await freePort();
		await n8n.start(port);
		try {
			const rest = await N8nRest.signIn(port);
			// n8n polls once on activation: that poll records what exists; then new objects arrive
			await sleep(10_000);
			writeFileSync(path.join(root, 'docs', 'new.txt'), 'new and allowed');
			writeFileSync(path.join(root, 'docs', 'secret-new.txt'), 'new and forbidden');
			writeFileSync(path.join(root, 'docs', 'repo', '.git', 'HEAD'), 'ref: main');
			writeFileSync(path.join(root, 'shared', 'new-mine.txt'), 'new and allowed');
			writeFileSync(path.join(binaryData, 'workflows', 'new-n8n.bin'), 'new n8n data');

			// the pickers, while the trigger waits for its next poll
			const search = (
				nodeType: string,
				credentialId: string,
				methodName: string,
				parameters: Record<string, unknown>,
				filter?: string,
			) =>
				rest.listSearch({
					nodeType: `${PACK}.${nodeType}`,
					methodName,
					parameter: methodName === 'searchContainers' ? 'container' : 'key',
					parameters: { backend: 'local', ...parameters },
					credentials: uses(credentialId),
					filter,
				});
			const etc = await search('cloudStorage', 'localEtc01', 'searchContainers', {});
			expect(etc).toMatchObject({
				ok: false,
				message: expect.stringContaining('n8n may not access the folder "/etc"'),
			});
			const etcTrigger = await search('cloudStorageTrigger', 'localEtc01', 'searchContainers', {});
			expect(etcTrigger).toMatchObject({ ok: false });
			const containers = await search(
				'cloudStorageTrigger',
				'localRules01',
				'searchContainers',
				{},
			);
			expect(containers).toMatchObject({ ok: true });
			expect(names(containers)).toEqual(['docs', 'seen', 'shared']);
			const shared = await search('cloudStorage', 'localRules01', 'searchObjects', {
				resource: 'object',
				operation: 'download',
				container: locator('shared'),
			});
			expect(names(shared)).toEqual(['mine.txt', 'new-mine.txt']);
			const docs = await search('cloudStorage', 'localRules01', 'searchObjects', {
				resource: 'object',
				operation: 'download',
				container: locator('docs'),
			});
			expect(names(docs)).toEqual(['new.txt', 'readme.txt']);
			const n8nFolder = await search(
				'cloudStorage',
				'localTemp01',
				'searchObjects',
				{ resource: 'object', operation: 'download', container: locator(path.basename(home)) },
				'.n8n/',
			);
			expect(n8nFolder).toMatchObject({ ok: true, result: { results: [] } });

			// the credential test reads the same rules
			expect(await rest.testCredential(credential('localEtc01', '/etc'))).toEqual({
				status: 'Error',
				message: 'n8n may not access the folder "/etc" set as the root of the Local credential',
			});
			expect(await rest.testCredential(credential('localRules01', root))).toMatchObject({
				status: 'OK',
			});

			// the next poll emits the allowed new objects only, with their content
			const seen = path.join(root, 'seen');
			await waitFor(
				() => listFiles(seen).length >= 2,
				150_000,
				() => n8n.serverLog,
			);
			await sleep(65_000); // one more poll: nothing forbidden, nothing twice
			expect(listFiles(seen).sort()).toEqual(['docs/new.txt', 'shared/new-mine.txt']);
			expect(readFileSync(path.join(seen, 'docs/new.txt'), 'utf8')).toBe('new and allowed');
			// the trigger on /etc never ran a poll that read it
			expect(n8n.serverLog).toMatch(/n8n may not access the folder "\/etc"/);
		} finally {
			await n8n.stop();
		}
	});

	it("reproduces n8n's own isFilePathBlocked exactly (n8n-core's function, same settings)", async () => {
		const bin = await ensureN8n();
		const modules = path.resolve(path.dirname(bin.n8n), '..', '..');
		const ours = path.join(PROJECT, 'dist/nodes/shared/host/fileAccess.js');
		const script = `
			const [modules, ours, paths] = process.argv.slice(1);
			require(modules + '/reflect-metadata');
			const helpers = require(modules + '/n8n-core/dist/execution-engine/node-execution-context/utils/file-system-helper-functions.js')
				.getFileSystemHelperFunctions({ type: 'x', name: 'x' });
			const rules = require(ours).n8nFileAccessRules();
			console.log(JSON.stringify(JSON.parse(paths).map((p) => [p, helpers.isFilePathBlocked(p), rules.isBlocked(p)])));`;
		const user = mkdtempSync(path.join(tmpdir(), 'cloud-pack-parity-'));
		const paths = [
			`${user}/.n8n/config`,
			`${user}/.n8n-files/a.txt`,
			`${user}/.cache/n8n/public/x`,
			`${user}/elsewhere/a.txt`,
			'/srv/data/a',
			'/srv/data/.git/config',
			'/srv/data/.gitignore',
			'/srv/data/Secret.txt',
			'/srv/database/a',
			'/srv/bin/x',
			'/opt/ext/node.js',
			'/etc/passwd',
		];
		const settings: NodeJS.ProcessEnv[] = [
			{},
			{ N8N_RESTRICT_FILE_ACCESS_TO: '/srv/data; ~/elsewhere' },
			{ N8N_RESTRICT_FILE_ACCESS_TO: '' },
			{ N8N_RESTRICT_FILE_ACCESS_TO: '"/srv"', N8N_BLOCK_FILE_PATTERNS: 'secret;\\.gitignore$' },
			{ N8N_RESTRICT_FILE_ACCESS_TO: '/srv', N8N_BINARY_DATA_STORAGE_PATH: '/srv/bin' },
			{ N8N_RESTRICT_FILE_ACCESS_TO: '', N8N_CUSTOM_EXTENSIONS: '/opt/ext;/opt/other' },
			{ N8N_RESTRICT_FILE_ACCESS_TO: '', N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'false' },
			{ N8N_RESTRICT_FILE_ACCESS_TO: '', N8N_BLOCK_FILE_PATTERNS: '(' },
		];
		try {
			for (const env of settings) {
				const { stdout } = await run(
					bin.node,
					['-e', script, modules, ours, JSON.stringify(paths)],
					{
						env: { PATH: process.env.PATH, HOME: user, N8N_USER_FOLDER: user, ...env },
					},
				);
				const verdicts = JSON.parse(stdout.trim().split('\n').pop()!) as Array<
					[string, boolean, boolean]
				>;
				expect({
					env,
					verdicts: verdicts.filter(([, n8nSays, weSay]) => n8nSays !== weSay),
				}).toEqual({
					env,
					verdicts: [],
				});
				expect(verdicts).toHaveLength(paths.length);
			}
		} finally {
			rmSync(user, { recursive: true, force: true });
		}
	});
});

function names(search: Awaited<ReturnType<N8nRest['listSearch']>>): string[] {
	if (!search.ok) throw new Error(`search failed: ${search.message}`);
	return search.result.results.map((result) => result.value).sort();
}
