import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData } from 'n8n-workflow';

import { CloudStorage } from '../../../nodes/CloudStorage/CloudStorage.node';
import {
	createExecuteContext,
	rl,
	type ExecuteContextOptions,
	type Params,
} from '../../helpers/executeContext';

const node = new CloudStorage();
const CREDENTIAL = 'cloudPackLocalStorageApi';

let base: string;
let root: string;

/** Every path below `dir` with the MD5 of each file, so any write shows up. */
async function snapshot(dir: string): Promise<string[]> {
	const out: string[] = [];
	async function walk(current: string, rel: string) {
		for (const entry of await fs.readdir(current, { withFileTypes: true })) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) {
				out.push(`${rel}${entry.name}/`);
				await walk(full, `${rel}${entry.name}/`);
			} else {
				out.push(
					`${rel}${entry.name} ${createHash('md5')
						.update(await fs.readFile(full))
						.digest('hex')}`,
				);
			}
		}
	}
	await walk(dir, '');
	return out.sort();
}

type RunOptions = Omit<ExecuteContextOptions, 'params'> & { binary?: boolean };

function context(params: Params | ((itemIndex: number) => Params), options: RunOptions = {}) {
	const helper = createExecuteContext({
		description: node.description,
		credentials: { [CREDENTIAL]: { rootDirectory: root } },
		...options,
		params:
			typeof params === 'function'
				? (i: number) => ({ backend: 'local', ...params(i) })
				: { backend: 'local', ...params },
	});
	return helper;
}

async function run(params: Params | ((itemIndex: number) => Params), options: RunOptions = {}) {
	const helper = context(params, options);
	if (options.binary !== false && !options.items) {
		helper.ctx.getInputData()[0].binary = {
			data: helper.putBinary('payload', 'payload.txt', 'text/plain'),
		};
	}
	const result = await node.execute.call(helper.ctx);
	return { result, helper };
}

async function failure(params: Params, options: RunOptions = {}): Promise<NodeOperationError> {
	const error = await run(params, options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	return error as NodeOperationError;
}

/** Runs `params`, expects a NodeOperationError naming `label`, and checks the root is unchanged. */
async function expectBadInput(params: Params, label: string, options: RunOptions = {}) {
	const before = await snapshot(base);
	const error = await failure(params, options);
	expect(`${error.message}\n${error.description ?? ''}`).toContain(`"${label}"`);
	expect(await snapshot(base)).toEqual(before);
	return error;
}

beforeEach(async () => {
	base = await fs.mkdtemp(path.join(tmpdir(), 'cloudpack-node-'));
	root = path.join(base, 'root');
	await fs.mkdir(path.join(root, 'box', 'dir'), { recursive: true });
	await fs.writeFile(path.join(root, 'box', 'dir', 'existing.txt'), '0123456789');
	await fs.writeFile(path.join(base, 'outside.txt'), 'outside');
});

afterEach(async () => {
	await fs.rm(base, { recursive: true, force: true });
});

const upload = (extra: Params = {}): Params => ({
	resource: 'object',
	operation: 'upload',
	container: rl('box'),
	key: 'new/file.txt',
	binaryPropertyName: 'data',
	...extra,
});

describe('the fake context runs the node', () => {
	test('upload then download round-trips bytes, with pairedItem on each output', async () => {
		const { result } = await run(
			upload({
				options: { contentType: 'text/x-test', metadata: { entry: [{ name: 'a', value: 'b' }] } },
			}),
		);
		expect(result[0]).toHaveLength(1);
		expect(result[0][0]).toMatchObject({
			json: {
				container: 'box',
				key: 'new/file.txt',
				size: 7,
				contentType: 'text/x-test',
				metadata: { a: 'b' },
			},
			pairedItem: { item: 0 },
		});
		expect(await fs.readFile(path.join(root, 'box', 'new', 'file.txt'), 'utf8')).toBe('payload');

		const { result: downloaded, helper } = await run(
			{
				resource: 'object',
				operation: 'download',
				container: rl('box'),
				key: rl('dir/existing.txt', 'key'),
				binaryPropertyName: 'out',
				useRange: true,
				rangeStart: 2,
				rangeEnd: 4,
			},
			{ binary: false },
		);
		expect(downloaded[0][0].pairedItem).toEqual({ item: 0 });
		expect(downloaded[0][0].json).toMatchObject({ size: 3, range: 'bytes 2-4/10' });
		expect(helper.bytesOf(downloaded[0][0].binary?.out).toString()).toBe('234');
		expect(downloaded[0][0].binary?.out.fileName).toBe('existing.txt');
	});

	test('the upload key defaults to the binary file name', async () => {
		const { result } = await run(upload({ key: '' }));
		expect(result[0][0].json).toMatchObject({ key: 'payload.txt', contentType: 'text/plain' });
	});
});

describe('bad input: a NodeOperationError naming the parameter, nothing written', () => {
	test('missing binary property', async () => {
		const error = await expectBadInput(
			upload({ binaryPropertyName: 'missing' }),
			'Input Binary Field',
		);
		expect(error.message).toContain('missing');
	});

	test('an upload item without any binary data', async () => {
		await expectBadInput(upload(), 'Input Binary Field', { binary: false });
	});

	test.each([
		['upload', upload({ container: rl('') })],
		['upload, spaces only', upload({ container: rl('   ') })],
		['list', { resource: 'object', operation: 'list', container: rl(''), returnAll: true }],
		['get container', { resource: 'container', operation: 'get', container: rl('') }],
		[
			'delete container',
			{ resource: 'container', operation: 'delete', container: rl(''), force: true },
		],
	])('empty container (%s)', async (_name, params) => {
		await expectBadInput(params, 'Container');
	});

	test.each([[''], ['   ']])('empty container name %j on create', async (name) => {
		await expectBadInput(
			{ resource: 'container', operation: 'create', containerName: name },
			'Container Name',
		);
	});

	test.each([['../x'], ['a/b'], ['..'], ['.hidden']])(
		'invalid container name %j on create',
		async (name) => {
			const error = await expectBadInput(
				{ resource: 'container', operation: 'create', containerName: name, ifNotExists: true },
				'Container Name',
			);
			expect(error.message).not.toMatch(/"Container"/);
		},
	);

	test.each([['../x'], ['a/b']])(
		'invalid container %j on upload, download and delete',
		async (name) => {
			await expectBadInput(upload({ container: rl(name) }), 'Container');
			await expectBadInput(
				{ resource: 'object', operation: 'download', container: rl(name), key: rl('k', 'key') },
				'Container',
				{ binary: false },
			);
			await expectBadInput(
				{ resource: 'container', operation: 'delete', container: rl(name), force: true },
				'Container',
			);
		},
	);

	test.each([['../outside.txt'], ['dir/../../outside.txt'], ['..']])(
		'key %j with ".." segments',
		async (key) => {
			await expectBadInput(upload({ key }), 'Key');
			await expectBadInput(
				{
					resource: 'object',
					operation: 'download',
					container: rl('box'),
					key: rl(key, 'key'),
					binaryPropertyName: 'data',
				},
				'Key',
				{ binary: false },
			);
			await expectBadInput(
				{ resource: 'object', operation: 'delete', container: rl('box'), key: rl(key, 'key') },
				'Key',
				{ binary: false },
			);
			await expectBadInput(
				{ resource: 'object', operation: 'getMetadata', container: rl('box'), key: rl(key, 'key') },
				'Key',
				{ binary: false },
			);
		},
	);

	test.each([['/etc/passwd'], ['/tmp/outside.txt'], ['dir/']])(
		'absolute or folder key %j',
		async (key) => {
			await expectBadInput(upload({ key }), 'Key');
			await expectBadInput(
				{ resource: 'object', operation: 'delete', container: rl('box'), key: rl(key, 'key') },
				'Key',
				{ binary: false },
			);
		},
	);

	test('a rejected upload closes the input stream it opened', async () => {
		const helper = context(upload({ key: '/abs/key' }));
		helper.ctx.getInputData()[0].binary = { data: helper.putBinary('payload', 'payload.txt') };
		await expect(node.execute.call(helper.ctx)).rejects.toThrow(NodeOperationError);
		expect(helper.openedStreams).toHaveLength(1);
		expect(helper.openedStreams[0].destroyed).toBe(true);
	});

	test.each([['abc'], [-1], [0], [1.5], ['']])('limit %j', async (limit) => {
		await expectBadInput(
			{ resource: 'object', operation: 'list', container: rl('box'), returnAll: false, limit },
			'Limit',
			{ binary: false },
		);
		await expectBadInput(
			{ resource: 'container', operation: 'list', returnAll: false, limit },
			'Limit',
			{ binary: false },
		);
	});

	test('a valid limit as a string is accepted', async () => {
		const { result } = await run(
			{ resource: 'container', operation: 'list', returnAll: false, limit: '5' },
			{ binary: false },
		);
		expect(result[0].map((item) => item.json.name)).toEqual(['box']);
	});

	test('unknown backend', async () => {
		const error = await expectBadInput({ ...upload(), backend: 'ftp' }, 'Backend');
		expect(error.message).toContain('ftp');
	});

	test('range end before range start', async () => {
		await expectBadInput(
			{
				resource: 'object',
				operation: 'download',
				container: rl('box'),
				key: rl('dir/existing.txt', 'key'),
				useRange: true,
				rangeStart: 5,
				rangeEnd: 2,
			},
			'Range End',
			{ binary: false },
		);
	});

	test.each([
		[-1, 'Range Start'],
		['x', 'Range Start'],
		[100, 'Range Start'],
	])('range start %j', async (rangeStart, label) => {
		await expectBadInput(
			{
				resource: 'object',
				operation: 'download',
				container: rl('box'),
				key: rl('dir/existing.txt', 'key'),
				useRange: true,
				rangeStart,
				rangeEnd: -1,
			},
			label,
			{ binary: false },
		);
	});

	test('an empty output field on download', async () => {
		await expectBadInput(
			{
				resource: 'object',
				operation: 'download',
				container: rl('box'),
				key: rl('dir/existing.txt', 'key'),
				binaryPropertyName: ' ',
			},
			'Put Output File in Field',
			{ binary: false },
		);
	});

	test.each([[0], [700000], [-5], ['soon']])('expiry %j', async (expiresIn) => {
		await expectBadInput(
			{
				resource: 'object',
				operation: 'getUrl',
				container: rl('box'),
				key: rl('dir/existing.txt', 'key'),
				expiresIn,
			},
			'Expires In (Seconds)',
			{ binary: false },
		);
	});

	test.each([[''], [' , \n '], [[]]])('empty keys %j for delete many', async (keys) => {
		await expectBadInput(
			{ resource: 'object', operation: 'deleteMany', container: rl('box'), keys },
			'Keys',
			{ binary: false },
		);
	});

	test('a bad key among many is refused before anything is deleted', async () => {
		await expectBadInput(
			{
				resource: 'object',
				operation: 'deleteMany',
				container: rl('box'),
				keys: 'dir/existing.txt, ../outside.txt',
			},
			'Keys',
			{ binary: false },
		);
	});

	test('a mismatching expected MD5 keeps nothing but the (empty) upload folder', async () => {
		const before = await snapshot(base);
		const error = await failure(
			upload({ options: { expectedMd5: 'ffffffffffffffffffffffffffffffff' } }),
		);
		expect(error.message).toMatch(/expected MD5 ffffffffffffffffffffffffffffffff, got /);
		expect(error.description).toContain('"Expected MD5"');
		expect((await snapshot(base)).filter((entry) => entry !== 'root/.cloudpack-tmp/')).toEqual(
			before,
		);
		expect(await fs.readdir(path.join(root, '.cloudpack-tmp'))).toEqual([]);
	});

	test('a malformed expected MD5', async () => {
		await expectBadInput(upload({ options: { expectedMd5: 'not-a-hash' } }), 'Expected MD5');
	});
});

describe('items', () => {
	test('continueOnFail turns a failure into an error item, the other items still succeed', async () => {
		const helper = context((i) => upload({ key: i === 1 ? '../evil.txt' : `ok-${i}.txt` }), {
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		for (const item of helper.ctx.getInputData())
			item.binary = { data: helper.putBinary(`bytes`, 'b.txt') };
		const [output] = await node.execute.call(helper.ctx);
		expect(output).toHaveLength(3);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ key: 'ok-0.txt' });
		expect(output[2].json).toMatchObject({ key: 'ok-2.txt' });
		expect(Object.keys(output[1].json)).toContain('error');
		expect(String(output[1].json.error)).toMatch(/"Key"/);
		expect(output[1].json.key).toBeUndefined();
		expect(await fs.readdir(path.join(root, 'box')).then((names) => names.sort())).toEqual([
			'dir',
			'ok-0.txt',
			'ok-2.txt',
		]);
		await expect(fs.readFile(path.join(base, 'evil.txt'))).rejects.toThrow();
	});

	test('without continueOnFail the failing item stops the run with its item index', async () => {
		const helper = context((i) => upload({ key: i === 1 ? '../evil.txt' : `ok-${i}.txt` }), {
			items: [{ json: {} }, { json: {} }],
		});
		for (const item of helper.ctx.getInputData())
			item.binary = { data: helper.putBinary('bytes', 'b.txt') };
		const error = await node.execute.call(helper.ctx).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
	});

	test('every output item has pairedItem, also when one input gives several outputs', async () => {
		await fs.writeFile(path.join(root, 'box', 'a.txt'), 'a');
		await fs.writeFile(path.join(root, 'box', 'b.txt'), 'b');
		const items: INodeExecutionData[] = [{ json: {} }, { json: {} }];
		const { result } = await run(
			{ resource: 'object', operation: 'list', container: rl('box'), returnAll: true, options: {} },
			{ items },
		);
		expect(result[0]).toHaveLength(6);
		expect(result[0].map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1].map((item) => ({ item })),
		);
		const { result: deleted } = await run(
			{
				resource: 'object',
				operation: 'deleteMany',
				container: rl('box'),
				keys: 'a.txt\nnope.txt',
			},
			{ items: [{ json: {} }] },
		);
		expect(deleted[0].map((item) => [item.json.key, item.json.deleted, item.pairedItem])).toEqual([
			['a.txt', true, { item: 0 }],
			['nope.txt', false, { item: 0 }],
		]);
	});

	test("a root blocked by n8n's file-access rules names N8N_RESTRICT_FILE_ACCESS_TO", async () => {
		const before = await snapshot(base);
		const error = await failure(upload(), { blockedPaths: [root] });
		expect(`${error.message} ${error.description}`).toContain('N8N_RESTRICT_FILE_ACCESS_TO');
		expect(await snapshot(base)).toEqual(before);
		const outsideAllowed = await failure(upload(), {
			allowedPaths: [path.join(base, 'elsewhere')],
		});
		expect(outsideAllowed.description).toContain('N8N_RESTRICT_FILE_ACCESS_TO');
		const { result } = await run(upload(), { allowedPaths: [base] });
		expect(result[0][0].json).toMatchObject({ key: 'new/file.txt' });
	});

	test('a root that does not exist gives a clear error', async () => {
		const error = await failure(upload(), {
			credentials: { [CREDENTIAL]: { rootDirectory: path.join(base, 'missing') } },
		});
		expect(error.message).toMatch(/does not exist/);
		await expect(fs.stat(path.join(base, 'missing'))).rejects.toThrow();
	});
});
