/**
 * The OpenStack Object Storage node and the Swift driver against a real Swift 2.30 whose proxy
 * authenticates through Keystone 22 (test/servers/openstack, test/servers/swift), with the
 * member's application credential: every operation of the node, large objects, bulk deletes,
 * temporary URLs used over plain HTTP.
 */
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { OpenStackObjectStorage } from '../../nodes/OpenStackObjectStorage/OpenStackObjectStorage.node';
import type { ListedObject } from '../../nodes/shared/storage/drivers/swift/bulk';
import { SwiftClient } from '../../nodes/shared/storage/drivers/swift/client';
import { deleteContainer } from '../../nodes/shared/storage/drivers/swift/containers';
import { SwiftStorageDriver } from '../../nodes/shared/storage/drivers/swift/driver';
import { signTempUrl, tempUrlKey } from '../../nodes/shared/storage/drivers/swift/tempUrl';
import { uploadObject } from '../../nodes/shared/storage/drivers/swift/upload';
import { ObjectNotFoundError } from '../../nodes/shared/storage/errors';
import { httpStatusOf } from '../../nodes/shared/openstack/request';
import { rl } from '../helpers/executeContext';
import {
	credentialStore,
	openStackContext,
	runNode,
	runNodeFailing,
} from '../helpers/openstack/context';
import { memberAppCredential, openStackServers, unique } from '../helpers/openstack/servers';
import { brokenAfter } from '../helpers/streams';

jest.setTimeout(180_000);

const node = new OpenStackObjectStorage();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const MIB = 1024 * 1024;

describe('OpenStack Object Storage on Swift through Keystone', () => {
	const store = credentialStore(memberAppCredential());
	const run = async (params: IDataObject, items?: Parameters<typeof runNode>[2]['items']) =>
		await runNode(node, store, { params, items });
	const fail = async (params: IDataObject) => await runNodeFailing(node, store, { params });
	let swift: SwiftClient;
	const container = unique('it-swift');
	const other = `${container}-copy`;
	const scratch = mkdtempSync(path.join(tmpdir(), 'swift-it-'));

	beforeAll(async () => {
		openStackServers();
		swift = new SwiftClient(openStackContext(store).ctx);
	});

	afterAll(async () => {
		for (const name of [
			container,
			other,
			`${container}_segments`,
			`${container}-big`,
			`${container}-big_segments`,
		]) {
			await deleteContainer(swift, name, { force: true }).catch(() => undefined);
		}
		rmSync(scratch, { recursive: true, force: true });
	});

	/** Objects (names) of a container, straight from Swift. */
	const names = async (name: string, prefix = '') =>
		(
			await swift.listAll<ListedObject>(swift.path(name), prefix ? { prefix } : {}).catch(() => [])
		).map((entry) => entry.name);

	/** An input item whose binary is a file, as in n8n's filesystem binary mode. */
	function fileItem(bytes: Buffer, fileName: string) {
		const file = path.join(scratch, unique('bin'));
		writeFileSync(file, bytes);
		return {
			file,
			binary: {
				data: 'filesystem-v2',
				id: `filesystem-v2:${file}`,
				fileName,
				mimeType: 'application/octet-stream',
			},
		};
	}

	async function uploadFile(bytes: Buffer, params: IDataObject) {
		const { file, binary } = fileItem(bytes, 'payload.bin');
		const context = openStackContext(store, {
			params: {
				resource: 'object',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: {},
				...params,
			},
			items: [{ json: {}, binary: { data: binary } }],
			description: node.description,
		});
		const helpers = context.ctx.helpers as unknown as IDataObject;
		helpers.getBinaryMetadata = async () => ({
			fileName: 'payload.bin',
			mimeType: 'application/octet-stream',
			fileSize: bytes.length,
		});
		helpers.getBinaryPath = () => file;
		const output = await node.execute.call(context.ctx as IExecuteFunctions);
		return output[0][0].json;
	}

	it('gets the account: usage, quota and metadata, never the temporary-URL key', async () => {
		const [account] = (await run({ resource: 'account', operation: 'get' })).json;
		expect(account).toMatchObject({
			containerCount: expect.any(Number),
			bytesUsed: expect.any(Number),
			tempUrlKeySet: expect.any(Boolean),
		});
		expect(JSON.stringify(account)).not.toMatch(/temp-url-key"/i);
	});

	it('creates a container with metadata and a storage policy, and succeeds or refuses when it exists', async () => {
		const [created] = (
			await run({
				resource: 'container',
				operation: 'create',
				containerName: container,
				ifNotExists: false,
				options: {
					metadata: { entry: [{ name: 'Project', value: 'alpha' }] },
					storagePolicy: 'Policy-0',
				},
			})
		).json;
		expect(created).toMatchObject({
			created: true,
			name: container,
			objectCount: 0,
			storagePolicy: 'Policy-0',
			metadata: { project: 'alpha' },
		});
		const [again] = (
			await run({
				resource: 'container',
				operation: 'create',
				containerName: container,
				ifNotExists: true,
				options: {},
			})
		).json;
		expect(again).toMatchObject({ created: false, name: container });
		const refused = await fail({
			resource: 'container',
			operation: 'create',
			containerName: container,
			ifNotExists: false,
			options: {},
		});
		expect(refused.message).toBe(`Container "${container}" already exists`);
		await run({
			resource: 'container',
			operation: 'create',
			containerName: other,
			ifNotExists: true,
			options: {},
		});
	});

	it('gets, lists (prefix, limit) and updates the metadata of containers', async () => {
		const [got] = (await run({ resource: 'container', operation: 'get', container: rl(container) }))
			.json;
		expect(got).toMatchObject({
			name: container,
			objectCount: 0,
			bytesUsed: 0,
			metadata: { project: 'alpha' },
		});
		expect(got.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
		const listed = (
			await run({ resource: 'container', operation: 'list', prefix: container, returnAll: true })
		).json;
		expect(listed.map((entry) => entry.name).sort()).toEqual([container, other]);
		expect(
			(
				await run({
					resource: 'container',
					operation: 'list',
					prefix: container,
					returnAll: false,
					limit: 1,
				})
			).json,
		).toHaveLength(1);
		const [updated] = (
			await run({
				resource: 'container',
				operation: 'update',
				container: rl(container),
				metadata: { entry: [{ name: 'owner', value: 'ops' }] },
				removeMetadata: 'project',
			})
		).json;
		expect(updated.metadata).toEqual({ owner: 'ops' });
	});

	it('uploads a binary with content type, metadata and an expiry, reads it back byte for byte and in part', async () => {
		const bytes = randomBytes(300_000);
		const uploaded = await uploadFile(bytes, {
			container: rl(container),
			objectName: 'docs/report.bin',
			options: {
				contentType: 'application/x-report',
				deleteAfter: 86400,
				metadata: { entry: [{ name: 'origin', value: 'it' }] },
			},
		});
		expect(uploaded).toMatchObject({
			container,
			key: 'docs/report.bin',
			size: 300_000,
			md5: createHash('md5').update(bytes).digest('hex'),
		});
		const [meta] = (
			await run({
				resource: 'object',
				operation: 'get',
				container: rl(container),
				object: rl('docs/report.bin'),
			})
		).json;
		expect(meta).toMatchObject({
			size: 300_000,
			contentType: 'application/x-report',
			metadata: { origin: 'it' },
		});
		expect(Date.parse(meta.deleteAt as string) - Date.now()).toBeGreaterThan(86000_000);

		const whole = await run({
			resource: 'object',
			operation: 'download',
			container: rl(container),
			object: rl('docs/report.bin'),
			binaryPropertyName: 'file',
		});
		expect(sha256(whole.bytesOf(whole.output[0].binary!.file))).toBe(sha256(bytes));
		expect(whole.output[0].binary!.file.fileName).toBe('report.bin');
		const part = await run({
			resource: 'object',
			operation: 'download',
			container: rl(container),
			object: rl('docs/report.bin'),
			binaryPropertyName: 'data',
			useRange: true,
			rangeStart: 1000,
			rangeEnd: 1999,
		});
		expect(part.bytesOf(part.output[0].binary!.data)).toEqual(bytes.subarray(1000, 2000));
		expect(part.json[0]).toMatchObject({ range: 'bytes 1000-1999/300000', objectSize: 300_000 });
	});

	it('uploads text and JSON', async () => {
		await run({
			resource: 'object',
			operation: 'uploadData',
			container: rl(container),
			objectName: 'notes/a.txt',
			dataType: 'text',
			text: 'héllo',
			options: {},
		});
		await run({
			resource: 'object',
			operation: 'uploadData',
			container: rl(container),
			objectName: 'notes/b.json',
			dataType: 'json',
			json: '{"n": 1}',
			options: {},
		});
		const text = await run({
			resource: 'object',
			operation: 'download',
			container: rl(container),
			object: rl('notes/a.txt'),
			binaryPropertyName: 'data',
		});
		expect(text.bytesOf(text.output[0].binary!.data).toString('utf8')).toBe('héllo');
		expect(text.json[0].contentType).toBe('text/plain; charset=utf-8');
		const json = await run({
			resource: 'object',
			operation: 'download',
			container: rl(container),
			object: rl('notes/b.json'),
			binaryPropertyName: 'data',
		});
		expect(JSON.parse(json.bytesOf(json.output[0].binary!.data).toString('utf8'))).toEqual({
			n: 1,
		});
	});

	it('updates object metadata (merge keeps the rest and the expiry; replace all)', async () => {
		const [merged] = (
			await run({
				resource: 'object',
				operation: 'update',
				container: rl(container),
				object: rl('docs/report.bin'),
				metadata: { entry: [{ name: 'stage', value: 'final' }] },
				removeMetadata: '',
				replaceAll: false,
				contentType: 'application/pdf',
			})
		).json;
		expect(merged).toMatchObject({
			metadata: { origin: 'it', stage: 'final' },
			contentType: 'application/pdf',
		});
		expect(merged.deleteAt).toBeDefined();
		const [replaced] = (
			await run({
				resource: 'object',
				operation: 'update',
				container: rl(container),
				object: rl('docs/report.bin'),
				metadata: { entry: [{ name: 'only', value: 'me' }] },
				removeMetadata: '',
				replaceAll: true,
				contentType: '',
			})
		).json;
		expect(replaced.metadata).toEqual({ only: 'me' });
	});

	it('copies on the server across containers', async () => {
		const [copied] = (
			await run({
				resource: 'object',
				operation: 'copy',
				sourceContainer: rl(container),
				sourceObject: rl('notes/a.txt'),
				targetContainer: rl(other),
				targetObject: 'copied/a.txt',
			})
		).json;
		expect(copied).toMatchObject({
			container: other,
			key: 'copied/a.txt',
			size: Buffer.byteLength('héllo'),
		});
		const missing = await fail({
			resource: 'object',
			operation: 'copy',
			sourceContainer: rl(container),
			sourceObject: rl('nope.txt'),
			targetContainer: rl(other),
			targetObject: '',
		});
		expect(missing.message).toBe(`Object "nope.txt" does not exist in container "${container}"`);
	});

	it('lists objects with prefix and delimiter, and pages over markers', async () => {
		const listed = (
			await run({
				resource: 'object',
				operation: 'list',
				container: rl(container),
				returnAll: true,
				options: { delimiter: '/' },
			})
		).json;
		expect(listed).toEqual(
			expect.arrayContaining([
				{ type: 'prefix', container, prefix: 'docs/' },
				{ type: 'prefix', container, prefix: 'notes/' },
			]),
		);
		const notes = (
			await run({
				resource: 'object',
				operation: 'list',
				container: rl(container),
				returnAll: true,
				options: { prefix: 'notes/' },
			})
		).json;
		expect(notes.map((entry) => entry.key)).toEqual(['notes/a.txt', 'notes/b.json']);
		expect(notes[0]).toMatchObject({
			type: 'object',
			size: 6,
			md5: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(
			(
				await run({
					resource: 'object',
					operation: 'list',
					container: rl(container),
					returnAll: false,
					limit: 1,
					options: {},
				})
			).json,
		).toHaveLength(1);

		for (let i = 0; i < 12; i++) {
			await run({
				resource: 'object',
				operation: 'uploadData',
				container: rl(container),
				objectName: `many/${String(i).padStart(2, '0')}`,
				dataType: 'text',
				text: `${i}`,
				options: {},
			});
		}
		const driver = new SwiftStorageDriver(swift);
		const seen: string[] = [];
		let pageToken: string | undefined;
		let pages = 0;
		do {
			const page = await driver.listObjects(container, { prefix: 'many/', pageSize: 5, pageToken });
			seen.push(...page.objects.map((object) => object.key));
			pageToken = page.nextPageToken;
			pages++;
		} while (pageToken);
		expect(seen).toEqual(
			Array.from({ length: 12 }, (_, i) => `many/${String(i).padStart(2, '0')}`),
		);
		expect(pages).toBe(3);
	});

	it('deletes one object, and says so when it does not exist', async () => {
		const [deleted] = (
			await run({
				resource: 'object',
				operation: 'delete',
				container: rl(other),
				object: rl('copied/a.txt'),
			})
		).json;
		expect(deleted).toMatchObject({ deleted: true });
		expect(await names(other)).toEqual([]);
		const again = await fail({
			resource: 'object',
			operation: 'delete',
			container: rl(other),
			object: rl('copied/a.txt'),
		});
		expect(again.message).toBe(`Object "copied/a.txt" does not exist in container "${other}"`);
		expect(again.description).toBe('Check the parameter "Object"');
	});

	it('uploads a large object in segments, downloads it byte-identical, and deletes it with its segments', async () => {
		const bytes = randomBytes(20 * MIB + 123);
		const uploaded = await uploadFile(bytes, {
			container: rl(container),
			objectName: 'big/archive.bin',
			options: { segmentSizeMiB: 8, concurrency: 2 },
		});
		expect(uploaded).toMatchObject({
			largeObject: 'static',
			segments: 3,
			size: bytes.length,
			segmentContainer: `${container}_segments`,
		});
		expect(await names(`${container}_segments`, 'big/archive.bin/')).toHaveLength(3);
		const [meta] = (
			await run({
				resource: 'object',
				operation: 'get',
				container: rl(container),
				object: rl('big/archive.bin'),
			})
		).json;
		expect(meta).toMatchObject({ size: bytes.length, largeObject: 'static' });
		const down = await run({
			resource: 'object',
			operation: 'download',
			container: rl(container),
			object: rl('big/archive.bin'),
			binaryPropertyName: 'data',
		});
		expect(sha256(down.bytesOf(down.output[0].binary!.data))).toBe(sha256(bytes));
		const [deleted] = (
			await run({
				resource: 'object',
				operation: 'delete',
				container: rl(container),
				object: rl('big/archive.bin'),
			})
		).json;
		expect(deleted).toMatchObject({ deleted: true, segmentsDeleted: 3 });
		expect(await names(`${container}_segments`, 'big/archive.bin/')).toEqual([]);
	});

	it('leaves no segment behind when a segmented upload fails, or its MD5 does not match', async () => {
		const broken = uploadObject(swift, container, 'big/broken.bin', brokenAfter(20 * MIB), {
			segmentSize: 4 * MIB,
			concurrency: 3,
		});
		await expect(broken).rejects.toThrow('the source broke off');
		expect(await names(`${container}_segments`, 'big/broken.bin/')).toEqual([]);
		expect(await names(container, 'big/broken.bin')).toEqual([]);

		const bytes = randomBytes(9 * MIB);
		const wrongMd5 = await runNodeFailing(node, store, {
			params: {
				resource: 'object',
				operation: 'upload',
				container: rl(container),
				objectName: 'big/mismatch.bin',
				binaryPropertyName: 'data',
				options: { segmentSizeMiB: 4, expectedMd5: '0'.repeat(32) },
			},
			items: [
				{
					json: {},
					binary: {
						data: {
							data: bytes.toString('base64'),
							mimeType: 'application/octet-stream',
							fileName: 'm.bin',
						},
					},
				},
			],
		});
		expect(wrongMd5.message).toMatch(
			/^Object "big\/mismatch\.bin": expected MD5 0{32}, got [0-9a-f]{32}$/,
		);
		expect(await names(`${container}_segments`, 'big/mismatch.bin/')).toEqual([]);
		expect(await names(container, 'big/mismatch.bin')).toEqual([]);
	});

	it('refuses a segmented upload into a missing container before any segment, creating nothing', async () => {
		const missing = unique('missing');
		const upload = uploadObject(
			swift,
			missing,
			'big/nowhere.bin',
			Readable.from([randomBytes(5 * MIB)]),
			{
				segmentSize: MIB,
			},
		);
		await expect(upload).rejects.toThrow(`Container "${missing}" does not exist`);
		// neither the container nor its segments container came into being
		const statusOf = async (name: string) =>
			await swift.call({ method: 'HEAD', path: swift.path(name) }).then(
				() => 204,
				(error: unknown) => httpStatusOf(error),
			);
		expect([await statusOf(missing), await statusOf(`${missing}_segments`)]).toEqual([404, 404]);
	});

	it('deletes the segments of a large object it replaces', async () => {
		const large = await uploadObject(
			swift,
			container,
			'big/replaced.bin',
			Readable.from([randomBytes(5 * MIB)]),
			{
				segmentSize: 2 * MIB,
			},
		);
		expect(large.segments).toBe(3);
		const small = await uploadObject(
			swift,
			container,
			'big/replaced.bin',
			Readable.from([Buffer.from('small')]),
			{
				size: 5,
			},
		);
		expect(small).toMatchObject({ size: 5, replacedSegmentsDeleted: 3 });
		expect(await names(`${container}_segments`, 'big/replaced.bin/')).toEqual([]);
	});

	it('deletes many objects with bulk deletes, a truthful result per name (large objects with their segments)', async () => {
		await uploadObject(swift, container, 'bulk/large.bin', Readable.from([randomBytes(3 * MIB)]), {
			segmentSize: MIB,
		});
		for (const name of ['bulk/a', 'bulk/b c', 'bulk/ü']) {
			await run({
				resource: 'object',
				operation: 'uploadData',
				container: rl(container),
				objectName: name,
				dataType: 'text',
				text: name,
				options: {},
			});
		}
		const results = (
			await run({
				resource: 'object',
				operation: 'deleteMany',
				container: rl(container),
				objectNames: 'bulk/a, bulk/missing\nbulk/b c, bulk/ü, bulk/large.bin',
			})
		).json;
		expect(results).toEqual([
			{ container, object: 'bulk/a', deleted: true },
			{ container, object: 'bulk/missing', deleted: false, error: 'Not found' },
			{ container, object: 'bulk/b c', deleted: true },
			{ container, object: 'bulk/ü', deleted: true },
			{ container, object: 'bulk/large.bin', deleted: true, segmentsDeleted: 3 },
		]);
		expect(await names(container, 'bulk/')).toEqual([]);
		expect(await names(`${container}_segments`, 'bulk/')).toEqual([]);
	});

	it('makes temporary URLs that work over plain HTTP, and are refused once expired', async () => {
		const refused = await fail({
			resource: 'object',
			operation: 'getTempUrl',
			container: rl(container),
			object: rl('notes/a.txt'),
			method: 'GET',
			expiresIn: 60,
			setKeyIfMissing: false,
		}).catch((error: Error) => error);
		const account = (await run({ resource: 'account', operation: 'get' })).json[0];
		if (!account.tempUrlKeySet) expect(refused.message).toMatch(/has no temporary-URL key/);
		const [made] = (
			await run({
				resource: 'object',
				operation: 'getTempUrl',
				container: rl(container),
				object: rl('notes/a.txt'),
				method: 'GET',
				expiresIn: 300,
				setKeyIfMissing: true,
			})
		).json;
		expect(made.url).toMatch(/temp_url_sig=[0-9a-f]{64}&temp_url_expires=\d+$/);
		const got = await fetch(made.url as string);
		expect(got.status).toBe(200);
		expect(await got.text()).toBe('héllo');

		const [put] = (
			await run({
				resource: 'object',
				operation: 'getTempUrl',
				container: rl(container),
				object: rl('via-temp-url.txt'),
				method: 'PUT',
				expiresIn: 300,
			})
		).json;
		expect(
			(await fetch(put.url as string, { method: 'PUT', body: 'uploaded without a token' })).status,
		).toBe(201);
		const [meta] = (
			await run({
				resource: 'object',
				operation: 'get',
				container: rl(container),
				object: rl('via-temp-url.txt'),
			})
		).json;
		expect(meta.size).toBe(24);

		// A URL signed with the same key whose time is over: refused.
		const key = await tempUrlKey(swift, container);
		const expired = signTempUrl(
			await swift.storageUrl(),
			key!,
			'GET',
			container,
			'notes/a.txt',
			Math.floor(Date.now() / 1000) - 10,
		);
		expect((await fetch(expired)).status).toBe(401);
		const [short] = (
			await run({
				resource: 'object',
				operation: 'getTempUrl',
				container: rl(container),
				object: rl('notes/a.txt'),
				method: 'GET',
				expiresIn: 1,
			})
		).json;
		const until = Date.parse(short.expiresAt as string) + 1500;
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
		expect((await fetch(short.url as string)).status).toBe(401);
	});

	it('refuses to delete a non-empty container without Force, then empties and deletes it with Force', async () => {
		await uploadObject(swift, other, 'big.bin', Readable.from([randomBytes(3 * MIB)]), {
			segmentSize: MIB,
		});
		await run({
			resource: 'object',
			operation: 'uploadData',
			container: rl(other),
			objectName: 'small.txt',
			dataType: 'text',
			text: 'x',
			options: {},
		});
		const refused = await fail({
			resource: 'container',
			operation: 'delete',
			container: rl(other),
			force: false,
		});
		expect(refused.message).toBe(
			`Container "${other}" is not empty; turn on "Force" to delete it with its objects`,
		);
		expect((await names(other)).sort()).toEqual(['big.bin', 'small.txt']);
		const [deleted] = (
			await run({ resource: 'container', operation: 'delete', container: rl(other), force: true })
		).json;
		expect(deleted).toMatchObject({ container: other, deleted: true, objectsDeleted: 2 });
		expect(await names(`${other}_segments`)).toEqual([]);
		await expect(new SwiftStorageDriver(swift).headObject(other, 'small.txt')).rejects.toThrow(
			ObjectNotFoundError,
		);
	});

	it('writes nothing for bad input (checked on the server)', async () => {
		const before = await names(container);
		for (const params of [
			{ container: rl(`${container}/x`), objectName: 'a.txt' },
			{ container: rl(container), objectName: 'x'.repeat(1025) },
			{
				container: rl(container),
				objectName: 'ok.txt',
				options: { metadata: { entry: [{ name: 'bad name', value: 'x' }] } },
			},
			{ container: rl(container), objectName: 'ok.txt', options: { deleteAfter: -5 } },
		]) {
			const error = await fail({
				resource: 'object',
				operation: 'uploadData',
				dataType: 'text',
				text: 'x',
				options: {},
				...params,
			});
			expect(error.description).toMatch(/^Check the parameter "/);
		}
		expect(await names(container)).toEqual(before);
	});
});
