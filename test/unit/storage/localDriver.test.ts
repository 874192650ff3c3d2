import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Readable } from 'stream';

import { LocalStorageDriver } from '../../../nodes/shared/storage/drivers/local/driver';
import { n8nFileAccessRules, type FileAccessRules } from '../../../nodes/shared/host/fileAccess';
import {
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	ContainerNotFoundError,
	FileAccessDeniedError,
	HashMismatchError,
	InvalidNameError,
	NotSupportedError,
	ObjectNotFoundError,
	StorageError,
} from '../../../nodes/shared/storage/errors';

/** n8n's rules with nothing forbidden: the tests below that are not about them. */
const ALLOW_ALL: FileAccessRules = { isBlocked: () => false };

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');
const body = (data: Buffer | string) => Readable.from([Buffer.from(data)]);

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Every path below `dir`, relative, folders ending in "/"; sorted. */
async function tree(dir: string): Promise<string[]> {
	const out: string[] = [];
	async function walk(current: string, base: string) {
		for (const entry of await fs.readdir(current, { withFileTypes: true })) {
			const rel = base + entry.name;
			if (entry.isDirectory()) {
				out.push(rel + '/');
				await walk(path.join(current, entry.name), rel + '/');
			} else {
				out.push(rel);
			}
		}
	}
	await walk(dir, '');
	return out.sort();
}

/** The tree without the driver's own bookkeeping folders (metadata sidecars, empty temp folder). */
async function userTree(dir: string): Promise<string[]> {
	return (await tree(dir)).filter(
		(p) => !p.startsWith('.cloudpack-meta/') && p !== '.cloudpack-tmp/',
	);
}

async function expectStorageError(
	promise: Promise<unknown>,
	type: new (...args: never[]) => StorageError,
	parameter?: string,
) {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(type);
	if (parameter !== undefined) expect((error as StorageError).parameter).toBe(parameter);
	return error as StorageError;
}

let base: string;
let root: string;
let outside: string;
let driver: LocalStorageDriver;

beforeEach(async () => {
	base = await fs.mkdtemp(path.join(tmpdir(), 'cloudpack-local-'));
	root = path.join(base, 'root');
	outside = path.join(base, 'outside');
	await fs.mkdir(root);
	await fs.mkdir(outside);
	await fs.writeFile(path.join(outside, 'secret.txt'), 'top secret');
	driver = new LocalStorageDriver(root, ALLOW_ALL);
});

afterEach(async () => {
	await fs.rm(base, { recursive: true, force: true });
});

describe('containers', () => {
	test('create, list, get and delete', async () => {
		expect(await driver.listContainers()).toEqual([]);
		const created = await driver.createContainer('beta');
		expect(created.created).toBe(true);
		expect(created.container.name).toBe('beta');
		await driver.createContainer('alpha');
		expect((await driver.listContainers()).map((c) => c.name)).toEqual(['alpha', 'beta']);
		const got = await driver.getContainer('alpha');
		expect(got.name).toBe('alpha');
		expect(Number.isNaN(Date.parse(String(got.createdAt)))).toBe(false);
		await driver.deleteContainer('alpha');
		expect((await driver.listContainers()).map((c) => c.name)).toEqual(['beta']);
		await expectStorageError(driver.getContainer('alpha'), ContainerNotFoundError, 'container');
	});

	test('list ignores the bookkeeping folders and plain files in the root', async () => {
		await driver.createContainer('c1');
		await driver.upload('c1', 'x', body('x'));
		await fs.writeFile(path.join(root, 'loose-file'), 'x');
		expect((await driver.listContainers()).map((c) => c.name)).toEqual(['c1']);
	});

	test('create an existing container: error unless ifNotExists', async () => {
		await driver.createContainer('c1');
		await expectStorageError(
			driver.createContainer('c1'),
			ContainerAlreadyExistsError,
			'container',
		);
		await expectStorageError(
			driver.createContainer('c1', { ifNotExists: false }),
			ContainerAlreadyExistsError,
		);
		const again = await driver.createContainer('c1', { ifNotExists: true });
		expect(again).toMatchObject({ created: false, container: { name: 'c1' } });
	});

	test('a non-empty container is deleted only with force', async () => {
		await driver.createContainer('c1');
		await driver.upload('c1', 'dir/a.txt', body('a'));
		await expectStorageError(driver.deleteContainer('c1'), ContainerNotEmptyError, 'container');
		expect(await driver.headObject('c1', 'dir/a.txt')).toMatchObject({ size: 1 });
		await driver.deleteContainer('c1', { force: true });
		await expectStorageError(driver.getContainer('c1'), ContainerNotFoundError);
		expect(await userTree(root)).toEqual([]);
		// a recreated container does not inherit old metadata
		await driver.createContainer('c1');
		await fs.mkdir(path.join(root, 'c1', 'dir'));
		await fs.writeFile(path.join(root, 'c1', 'dir', 'a.txt'), 'a');
		expect((await driver.headObject('c1', 'dir/a.txt')).contentType).toBeUndefined();
	});

	test('missing containers', async () => {
		await expectStorageError(driver.deleteContainer('nope'), ContainerNotFoundError);
		await expectStorageError(driver.listObjects('nope', {}), ContainerNotFoundError);
		await expectStorageError(driver.upload('nope', 'k', body('x')), ContainerNotFoundError);
		expect(await userTree(root)).toEqual([]);
	});

	test.each([['a/b'], ['..'], ['../x'], ['.hidden'], [''], ['   '], ['a\0b'], ['x'.repeat(256)]])(
		'container name %j is refused with InvalidNameError',
		async (name) => {
			await expectStorageError(driver.createContainer(name), InvalidNameError, 'container');
			await expectStorageError(driver.getContainer(name), InvalidNameError, 'container');
			await expectStorageError(driver.upload(name, 'k', body('x')), InvalidNameError, 'container');
			expect(await tree(base)).toEqual(['outside/', 'outside/secret.txt', 'root/']);
		},
	);

	test('a root that does not exist gives a clear error', async () => {
		const missing = new LocalStorageDriver(path.join(base, 'missing'), ALLOW_ALL);
		const error = await expectStorageError(missing.listContainers(), StorageError);
		expect(error.message).toContain(path.join(base, 'missing'));
		expect(error.message).toMatch(/does not exist/);
		await expectStorageError(missing.createContainer('c1'), StorageError);
		await expect(fs.stat(path.join(base, 'missing'))).rejects.toThrow();
	});

	test('a root that is a file gives a clear error', async () => {
		const error = await expectStorageError(
			new LocalStorageDriver(path.join(outside, 'secret.txt'), ALLOW_ALL).listContainers(),
			StorageError,
		);
		expect(error.message).toMatch(/not a folder/);
	});
});

describe('upload, head and download', () => {
	beforeEach(async () => {
		await driver.createContainer('c1');
	});

	test('upload reports size, md5, content type and metadata, and they round-trip', async () => {
		const data = 'hello world';
		const info = await driver.upload('c1', 'docs/hello.txt', body(data), {
			contentType: 'text/plain',
			metadata: { owner: 'me', n: '1' },
		});
		expect(info).toMatchObject({
			container: 'c1',
			key: 'docs/hello.txt',
			size: data.length,
			md5: md5(data),
			etag: md5(data),
			contentType: 'text/plain',
			metadata: { owner: 'me', n: '1' },
		});
		const head = await driver.headObject('c1', 'docs/hello.txt');
		expect(head).toMatchObject({
			size: data.length,
			md5: md5(data),
			contentType: 'text/plain',
			metadata: { owner: 'me', n: '1' },
		});
		const { info: dInfo, stream } = await driver.download('c1', 'docs/hello.txt');
		expect((await readAll(stream)).toString()).toBe(data);
		expect(dInfo).toMatchObject({ contentType: 'text/plain', metadata: { owner: 'me', n: '1' } });
		expect(await fs.readFile(path.join(root, 'c1', 'docs', 'hello.txt'), 'utf8')).toBe(data);
	});

	test('upload over an existing object replaces content and metadata', async () => {
		await driver.upload('c1', 'k', body('one'), {
			contentType: 'text/plain',
			metadata: { v: '1' },
		});
		const info = await driver.upload('c1', 'k', body('second'));
		expect(info).toMatchObject({ size: 6, md5: md5('second'), metadata: {} });
		expect(info.contentType).toBeUndefined();
	});

	test('a matching expectedMd5 (any case) is accepted', async () => {
		const info = await driver.upload('c1', 'k', body('abc'), {
			expectedMd5: md5('abc').toUpperCase(),
		});
		expect(info.md5).toBe(md5('abc'));
	});

	test('an expectedMd5 mismatch keeps nothing: no object, no temp file, no new folders', async () => {
		const before = await userTree(root);
		const error = await expectStorageError(
			driver.upload('c1', 'new/deep/dir/file.bin', body('content'), { expectedMd5: md5('other') }),
			HashMismatchError,
			'expectedMd5',
		);
		expect(error.message).toContain(md5('content'));
		expect(await userTree(root)).toEqual(before);
		expect(await fs.readdir(path.join(root, '.cloudpack-tmp')).catch(() => [])).toEqual([]);
		await expectStorageError(driver.headObject('c1', 'new/deep/dir/file.bin'), ObjectNotFoundError);
	});

	test('an expectedMd5 mismatch leaves an existing object untouched', async () => {
		await driver.upload('c1', 'k', body('original'), { contentType: 'text/plain' });
		await expectStorageError(
			driver.upload('c1', 'k', body('changed'), { expectedMd5: md5('nope') }),
			HashMismatchError,
		);
		const head = await driver.headObject('c1', 'k');
		expect(head).toMatchObject({ size: 8, md5: md5('original'), contentType: 'text/plain' });
	});

	test('a stream that fails half-way leaves nothing behind', async () => {
		const before = await userTree(root);
		async function* failing() {
			yield Buffer.alloc(64 * 1024, 1);
			yield Buffer.alloc(64 * 1024, 2);
			throw new Error('source broke');
		}
		await expect(driver.upload('c1', 'a/b/c.bin', Readable.from(failing()))).rejects.toThrow(
			'source broke',
		);
		expect(await userTree(root)).toEqual(before);
		expect(await fs.readdir(path.join(root, '.cloudpack-tmp')).catch(() => [])).toEqual([]);
	});

	test('a key below an existing object is refused and leaves nothing behind', async () => {
		await driver.upload('c1', 'file', body('x'));
		const before = await userTree(root);
		await expectStorageError(driver.upload('c1', 'file/child', body('y')), InvalidNameError, 'key');
		expect(await userTree(root)).toEqual(before);
		expect(await fs.readdir(path.join(root, '.cloudpack-tmp'))).toEqual([]);
	});

	test('a key that is a folder of other objects is refused', async () => {
		await driver.upload('c1', 'dir/child', body('x'));
		await expectStorageError(driver.upload('c1', 'dir', body('y')), InvalidNameError, 'key');
		expect(await fs.readFile(path.join(root, 'c1', 'dir', 'child'), 'utf8')).toBe('x');
	});

	test('head computes the md5 of a file put there directly', async () => {
		await fs.mkdir(path.join(root, 'c1', 'sub'));
		await fs.writeFile(path.join(root, 'c1', 'sub', 'direct.txt'), 'direct bytes');
		const head = await driver.headObject('c1', 'sub/direct.txt');
		expect(head).toMatchObject({
			key: 'sub/direct.txt',
			size: 12,
			md5: md5('direct bytes'),
			metadata: {},
		});
		expect(head.contentType).toBeUndefined();
	});

	test("a file changed behind the driver's back is not described by its stale sidecar", async () => {
		await driver.upload('c1', 'k', body('first'), { contentType: 'text/plain' });
		const file = path.join(root, 'c1', 'k');
		await fs.writeFile(file, 'second version');
		await fs.utimes(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
		const head = await driver.headObject('c1', 'k');
		expect(head.md5).toBe(md5('second version'));
		expect(head.contentType).toBeUndefined();
	});

	test('head and download of a missing object', async () => {
		await expectStorageError(driver.headObject('c1', 'missing'), ObjectNotFoundError, 'key');
		await expectStorageError(driver.download('c1', 'missing'), ObjectNotFoundError, 'key');
		await driver.upload('c1', 'dir/x', body('x'));
		await expectStorageError(driver.headObject('c1', 'dir'), ObjectNotFoundError);
	});

	describe('ranges', () => {
		const data = '0123456789';
		beforeEach(async () => {
			await driver.upload('c1', 'digits', body(data));
		});

		test.each([
			[{ start: 3 }, '3456789', 'bytes 3-9/10'],
			[{ start: 0, end: 0 }, '0', 'bytes 0-0/10'],
			[{ start: 2, end: 5 }, '2345', 'bytes 2-5/10'],
			[{ start: 7, end: 100 }, '789', 'bytes 7-9/10'],
			[{ start: 9 }, '9', 'bytes 9-9/10'],
		])('range %j', async (range, expected, contentRange) => {
			const { info, stream } = await driver.download('c1', 'digits', range);
			expect((await readAll(stream)).toString()).toBe(expected);
			expect(info.size).toBe(expected.length);
			expect(info.range).toBe(contentRange);
		});

		test.each([[{ start: 10 }], [{ start: 50, end: 60 }], [{ start: 5, end: 4 }], [{ start: -1 }]])(
			'range %j is refused',
			async (range) => {
				const error = await expectStorageError(
					driver.download('c1', 'digits', range),
					StorageError,
				);
				expect(error.code).toBe('InvalidName');
				expect(error.message).toMatch(/size 10/);
			},
		);
	});
});

describe('listObjects', () => {
	const keys = ['a-c', 'a/b', 'a/c/d', 'b.txt', 'z'];

	beforeEach(async () => {
		await driver.createContainer('c1');
		for (const key of [...keys].reverse()) await driver.upload('c1', key, body(key));
	});

	test('lists every key in lexicographic order', async () => {
		const page = await driver.listObjects('c1', {});
		expect(page.objects.map((o) => o.key)).toEqual(keys);
		expect(page.prefixes).toEqual([]);
		expect(page.nextPageToken).toBeUndefined();
		expect(page.objects[0]).toMatchObject({ container: 'c1', size: 3 });
	});

	test('prefix', async () => {
		expect((await driver.listObjects('c1', { prefix: 'a/' })).objects.map((o) => o.key)).toEqual([
			'a/b',
			'a/c/d',
		]);
		expect((await driver.listObjects('c1', { prefix: 'a' })).objects.map((o) => o.key)).toEqual([
			'a-c',
			'a/b',
			'a/c/d',
		]);
		expect((await driver.listObjects('c1', { prefix: 'a/c/d' })).objects.map((o) => o.key)).toEqual(
			['a/c/d'],
		);
		expect((await driver.listObjects('c1', { prefix: 'q' })).objects).toEqual([]);
	});

	test('delimiter groups keys into prefixes', async () => {
		const top = await driver.listObjects('c1', { delimiter: '/' });
		expect(top.objects.map((o) => o.key)).toEqual(['a-c', 'b.txt', 'z']);
		expect(top.prefixes).toEqual([{ container: 'c1', prefix: 'a/' }]);
		const inA = await driver.listObjects('c1', { prefix: 'a/', delimiter: '/' });
		expect(inA.objects.map((o) => o.key)).toEqual(['a/b']);
		expect(inA.prefixes.map((p) => p.prefix)).toEqual(['a/c/']);
	});

	test('pagination: pages of 2 chain through all 5 keys without duplicates', async () => {
		const seen: string[] = [];
		const tokens: string[] = [];
		let pageToken: string | undefined;
		let pages = 0;
		do {
			const page = await driver.listObjects('c1', { pageSize: 2, pageToken });
			expect(page.objects.length + page.prefixes.length).toBeLessThanOrEqual(2);
			seen.push(...page.objects.map((o) => o.key));
			pageToken = page.nextPageToken;
			if (pageToken) tokens.push(pageToken);
			pages++;
		} while (pageToken && pages < 10);
		expect(seen).toEqual(keys);
		expect(pages).toBe(3);
		expect(new Set(tokens).size).toBe(tokens.length);
	});

	test('pagination with a delimiter never repeats a prefix', async () => {
		await driver.upload('c1', 'a/e', body('e'));
		const entries: string[] = [];
		let pageToken: string | undefined;
		let pages = 0;
		do {
			const page = await driver.listObjects('c1', { pageSize: 1, delimiter: '/', pageToken });
			entries.push(...page.prefixes.map((p) => p.prefix), ...page.objects.map((o) => o.key));
			pageToken = page.nextPageToken;
			pages++;
		} while (pageToken && pages < 20);
		expect(entries).toEqual(['a-c', 'a/', 'b.txt', 'z']);
	});

	test('symlinks inside a container are not listed', async () => {
		await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'c1', 'link'));
		await fs.symlink(outside, path.join(root, 'c1', 'linkdir'));
		const keysListed = (await driver.listObjects('c1', {})).objects.map((o) => o.key);
		expect(keysListed).toEqual(keys);
	});
});

describe('copy', () => {
	beforeEach(async () => {
		await driver.createContainer('c1');
		await driver.createContainer('c2');
		await driver.upload('c1', 'src/file.json', body('{"a":1}'), {
			contentType: 'application/json',
			metadata: { tag: 't' },
		});
	});

	test('within a container keeps content type and metadata', async () => {
		const info = await driver.copy(
			{ container: 'c1', key: 'src/file.json' },
			{ container: 'c1', key: 'dst/copy.json' },
		);
		expect(info).toMatchObject({
			container: 'c1',
			key: 'dst/copy.json',
			size: 7,
			md5: md5('{"a":1}'),
			contentType: 'application/json',
			metadata: { tag: 't' },
		});
		expect(await driver.headObject('c1', 'src/file.json')).toMatchObject({ size: 7 });
	});

	test('across containers keeps content type and metadata', async () => {
		await driver.copy(
			{ container: 'c1', key: 'src/file.json' },
			{ container: 'c2', key: 'copy.json' },
		);
		const head = await driver.headObject('c2', 'copy.json');
		expect(head).toMatchObject({
			contentType: 'application/json',
			metadata: { tag: 't' },
			md5: md5('{"a":1}'),
		});
		const { stream } = await driver.download('c2', 'copy.json');
		expect((await readAll(stream)).toString()).toBe('{"a":1}');
	});

	test('copy of a missing source names the source key', async () => {
		await expectStorageError(
			driver.copy({ container: 'c1', key: 'nope' }, { container: 'c2', key: 'x' }),
			ObjectNotFoundError,
		);
		await expectStorageError(
			driver.copy({ container: 'c1', key: '../x' }, { container: 'c2', key: 'x' }),
			InvalidNameError,
			'sourceKey',
		);
		expect(await userTree(path.join(root, 'c2'))).toEqual([]);
	});
});

describe('delete', () => {
	beforeEach(async () => {
		await driver.createContainer('c1');
		await driver.upload('c1', 'a/b/c.txt', body('c'));
		await driver.upload('c1', 'a/keep.txt', body('k'));
		await driver.upload('c1', 'top.txt', body('t'));
	});

	test('deleteObject removes the file and the folders it leaves empty', async () => {
		await driver.deleteObject('c1', 'a/b/c.txt');
		expect(await userTree(path.join(root, 'c1'))).toEqual(['a/', 'a/keep.txt', 'top.txt']);
		await expectStorageError(driver.deleteObject('c1', 'a/b/c.txt'), ObjectNotFoundError, 'key');
		await driver.deleteObject('c1', 'a/keep.txt');
		await driver.deleteObject('c1', 'top.txt');
		expect(await tree(path.join(root, 'c1'))).toEqual([]);
		await driver.deleteContainer('c1');
	});

	test('deleteObjects reports per key and does not throw for a missing key', async () => {
		const results = await driver.deleteObjects('c1', [
			'top.txt',
			'missing.txt',
			'a/b/c.txt',
			'../evil',
		]);
		expect(results.map((r) => [r.key, r.deleted])).toEqual([
			['top.txt', true],
			['missing.txt', false],
			['a/b/c.txt', true],
			['../evil', false],
		]);
		expect(results[1].error).toMatch(/missing\.txt/);
		expect(results[3].error).toMatch(/\.\./);
		expect((await driver.listObjects('c1', {})).objects.map((o) => o.key)).toEqual(['a/keep.txt']);
	});
});

test('getUrl is not supported', async () => {
	await driver.createContainer('c1');
	await expectStorageError(driver.getUrl(), NotSupportedError);
	const error = await expectStorageError(driver.getUrl(), StorageError);
	expect(error.code).toBe('NotSupported');
});

describe('security', () => {
	beforeEach(async () => {
		await driver.createContainer('c1');
	});

	test.each([
		['../x'],
		['a/../../x'],
		['..'],
		['/etc/passwd'],
		['/abs'],
		['dir/'],
		['a//b'],
		['./a'],
		['a/./b'],
		[''],
		['a\0b'],
		['x'.repeat(1025)],
	])('key %j is refused for every operation', async (key) => {
		const before = await tree(base);
		await expectStorageError(driver.upload('c1', key, body('x')), InvalidNameError, 'key');
		await expectStorageError(driver.download('c1', key), InvalidNameError, 'key');
		await expectStorageError(driver.headObject('c1', key), InvalidNameError, 'key');
		await expectStorageError(driver.deleteObject('c1', key), InvalidNameError, 'key');
		await expectStorageError(
			driver.copy({ container: 'c1', key: 'x' }, { container: 'c1', key }),
			StorageError,
		);
		expect(await tree(base)).toEqual(before);
	});

	test('a symlinked file pointing outside the root can be neither read nor written', async () => {
		await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'c1', 'link.txt'));
		await expectStorageError(driver.download('c1', 'link.txt'), InvalidNameError, 'key');
		await expectStorageError(driver.headObject('c1', 'link.txt'), InvalidNameError, 'key');
		await expectStorageError(
			driver.upload('c1', 'link.txt', body('overwritten')),
			InvalidNameError,
			'key',
		);
		await expectStorageError(
			driver.copy({ container: 'c1', key: 'link.txt' }, { container: 'c1', key: 'stolen' }),
			InvalidNameError,
		);
		await expectStorageError(driver.deleteObject('c1', 'link.txt'), InvalidNameError, 'key');
		expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
		expect(await fs.readdir(outside)).toEqual(['secret.txt']);
	});

	test('a symlinked folder pointing outside the root can be neither read nor written', async () => {
		await fs.symlink(outside, path.join(root, 'c1', 'door'));
		await expectStorageError(driver.download('c1', 'door/secret.txt'), InvalidNameError, 'key');
		await expectStorageError(
			driver.upload('c1', 'door/new.txt', body('x')),
			InvalidNameError,
			'key',
		);
		await expectStorageError(
			driver.upload('c1', 'door/deeper/new.txt', body('x')),
			InvalidNameError,
			'key',
		);
		await expectStorageError(
			driver.upload('c1', 'door/secret.txt', body('x')),
			InvalidNameError,
			'key',
		);
		expect(await tree(outside)).toEqual(['secret.txt']);
		expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
	});

	test('a container that is a symlink to outside the root is not a container', async () => {
		await fs.symlink(outside, path.join(root, 'evil'));
		await expectStorageError(driver.download('evil', 'secret.txt'), ContainerNotFoundError);
		await expectStorageError(driver.upload('evil', 'new.txt', body('x')), StorageError);
		await expectStorageError(driver.listObjects('evil', {}), ContainerNotFoundError);
		await expectStorageError(
			driver.deleteContainer('evil', { force: true }),
			ContainerNotFoundError,
		);
		expect(await tree(outside)).toEqual(['secret.txt']);
		expect((await driver.listContainers()).map((c) => c.name)).toEqual(['c1']);
	});

	test('a symlink inside the container pointing inside it is fine', async () => {
		await driver.upload('c1', 'real.txt', body('real'));
		await fs.symlink(path.join(root, 'c1', 'real.txt'), path.join(root, 'c1', 'alias.txt'));
		const { stream } = await driver.download('c1', 'alias.txt');
		expect((await readAll(stream)).toString()).toBe('real');
	});
});

describe("n8n's file-access rules", () => {
	/** n8n's rules as the server would read them from this environment. */
	function rulesFor(env: NodeJS.ProcessEnv): FileAccessRules {
		return n8nFileAccessRules({ HOME: path.join(base, 'home'), ...env });
	}

	test('a root outside N8N_RESTRICT_FILE_ACCESS_TO is refused before it is read', async () => {
		const guarded = new LocalStorageDriver(
			root,
			rulesFor({ N8N_RESTRICT_FILE_ACCESS_TO: outside }),
		);
		const error = await expectStorageError(guarded.listContainers(), FileAccessDeniedError);
		expect(error.message).toBe(
			`n8n may not access the folder "${root}" set as the root of the Local credential`,
		);
		expect(error.hint).toMatch(/N8N_RESTRICT_FILE_ACCESS_TO/);
		await expectStorageError(guarded.upload('c1', 'k', body('x')), FileAccessDeniedError);
		expect(await tree(root)).toEqual([]);
	});

	test('by default only ~/.n8n-files is allowed, and a relative root never', async () => {
		await expectStorageError(
			new LocalStorageDriver(root, rulesFor({})).open(),
			FileAccessDeniedError,
		);
		const allowed = path.join(base, 'home', '.n8n-files');
		await fs.mkdir(allowed, { recursive: true });
		await new LocalStorageDriver(allowed, rulesFor({})).open();
		await expectStorageError(
			new LocalStorageDriver('relative/root', ALLOW_ALL).open(),
			FileAccessDeniedError,
		);
	});

	test("n8n's own folders below an allowed root: not listed, not read, not written, not deleted", async () => {
		// n8n's binary-data folder is a folder of container "shared"; its user folder is "home/.n8n"
		const binaryData = path.join(root, 'shared', 'binary');
		await fs.mkdir(binaryData, { recursive: true });
		await fs.writeFile(path.join(binaryData, 'file-1'), 'n8n data');
		await fs.writeFile(path.join(root, 'shared', 'mine.txt'), 'mine');
		await fs.mkdir(path.join(root, 'home', '.n8n'), { recursive: true });
		await fs.writeFile(path.join(root, 'home', '.n8n', 'config'), '{"encryptionKey":"k"}');
		const guarded = new LocalStorageDriver(
			root,
			n8nFileAccessRules({
				HOME: '/nonexistent',
				N8N_USER_FOLDER: path.join(root, 'home'),
				N8N_BINARY_DATA_STORAGE_PATH: binaryData,
				N8N_RESTRICT_FILE_ACCESS_TO: root,
			}),
		);
		const before = await tree(root);
		const listed = await guarded.listObjects('shared', {});
		expect(listed.objects.map((o) => o.key)).toEqual(['mine.txt']);
		expect((await guarded.listObjects('home', {})).objects).toEqual([]);
		for (const [container, key] of [
			['shared', 'binary/file-1'],
			['home', '.n8n/config'],
		]) {
			await expectStorageError(guarded.download(container, key), FileAccessDeniedError, 'key');
			await expectStorageError(guarded.headObject(container, key), FileAccessDeniedError, 'key');
			await expectStorageError(guarded.deleteObject(container, key), FileAccessDeniedError, 'key');
			await expectStorageError(
				guarded.upload(container, key, body('overwritten')),
				FileAccessDeniedError,
				'key',
			);
			await expectStorageError(
				guarded.copy({ container, key }, { container: 'shared', key: 'stolen' }),
				FileAccessDeniedError,
				'sourceKey',
			);
		}
		await expectStorageError(
			guarded.upload('shared', 'binary/new', body('planted')),
			FileAccessDeniedError,
			'key',
		);
		await expectStorageError(
			guarded.deleteObjects('shared', ['binary/file-1', 'mine.txt']).then((results) => {
				expect(results).toEqual([
					{ key: 'binary/file-1', deleted: false, error: expect.stringMatching(/may not access/) },
					{ key: 'mine.txt', deleted: true },
				]);
				throw new FileAccessDeniedError('checked');
			}),
			FileAccessDeniedError,
		);
		await expectStorageError(
			guarded.deleteContainer('shared', { force: true }),
			FileAccessDeniedError,
			'container',
		);
		expect(await tree(root)).toEqual(before.filter((p) => p !== 'shared/mine.txt'));
		expect(await fs.readFile(path.join(binaryData, 'file-1'), 'utf8')).toBe('n8n data');
	});

	test('a symbolic link inside the container cannot lead to a forbidden folder', async () => {
		await fs.mkdir(path.join(root, 'c1', '.git'), { recursive: true });
		await fs.writeFile(path.join(root, 'c1', '.git', 'config'), 'secret remote');
		await fs.symlink(path.join(root, 'c1', '.git'), path.join(root, 'c1', 'innocent'));
		// the default N8N_BLOCK_FILE_PATTERNS forbids .git folders
		const guarded = new LocalStorageDriver(root, rulesFor({ N8N_RESTRICT_FILE_ACCESS_TO: root }));
		await expectStorageError(
			guarded.download('c1', 'innocent/config'),
			FileAccessDeniedError,
			'key',
		);
		await expectStorageError(guarded.download('c1', '.git/config'), FileAccessDeniedError, 'key');
		await expectStorageError(
			guarded.upload('c1', 'innocent/hooks/post-checkout', body('#!/bin/sh')),
			FileAccessDeniedError,
			'key',
		);
		expect((await guarded.listObjects('c1', {})).objects).toEqual([]);
		expect(await tree(path.join(root, 'c1', '.git'))).toEqual(['config']);
	});

	test('N8N_BLOCK_FILE_PATTERNS: matching objects are invisible and untouchable; a bad pattern blocks all', async () => {
		const guarded = new LocalStorageDriver(
			root,
			rulesFor({ N8N_RESTRICT_FILE_ACCESS_TO: root, N8N_BLOCK_FILE_PATTERNS: 'secret' }),
		);
		await guarded.createContainer('c1');
		await guarded.upload('c1', 'public.txt', body('ok'));
		await expectStorageError(
			guarded.upload('c1', 'my-secret.txt', body('x')),
			FileAccessDeniedError,
		);
		await fs.writeFile(path.join(root, 'c1', 'top-secret.txt'), 'put there by someone else');
		expect((await guarded.listObjects('c1', {})).objects.map((o) => o.key)).toEqual(['public.txt']);
		const broken = new LocalStorageDriver(
			root,
			rulesFor({ N8N_RESTRICT_FILE_ACCESS_TO: root, N8N_BLOCK_FILE_PATTERNS: '(' }),
		);
		await expectStorageError(broken.open(), FileAccessDeniedError);
	});

	test('a container n8n forbids is neither listed nor usable', async () => {
		await fs.mkdir(path.join(root, 'c1'));
		await fs.mkdir(path.join(root, 'c2'));
		const guarded = new LocalStorageDriver(
			root,
			rulesFor({ N8N_RESTRICT_FILE_ACCESS_TO: root, N8N_CUSTOM_EXTENSIONS: path.join(root, 'c2') }),
		);
		expect((await guarded.listContainers()).map((c) => c.name)).toEqual(['c1']);
		await expectStorageError(guarded.getContainer('c2'), FileAccessDeniedError, 'container');
		await expectStorageError(guarded.listObjects('c2', {}), FileAccessDeniedError, 'container');
	});

	test('a key part longer than the filesystem allows: a clear error naming the Key, no server path', async () => {
		await driver.createContainer('c1');
		for (const key of ['x'.repeat(256), `dir/${'é'.repeat(128)}/file`]) {
			const error = await expectStorageError(
				driver.upload('c1', key, body('x')),
				InvalidNameError,
				'key',
			);
			expect(error.message).toMatch(/^The "Key" is too long for the filesystem of the n8n server/);
			expect(error.message).not.toContain(base);
			await expectStorageError(driver.download('c1', key), InvalidNameError, 'key');
		}
		expect(await userTree(root)).toEqual(['c1/']);
	});
});
