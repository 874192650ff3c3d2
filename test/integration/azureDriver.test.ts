import { Readable } from 'stream';

import type { StorageDriver } from '../../nodes/shared/storage/driver';
import { findBackend } from '../../nodes/shared/storage/backends';
import {
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	ContainerNotFoundError,
	HashMismatchError,
	InvalidNameError,
	ObjectNotFoundError,
	StorageError,
} from '../../nodes/shared/storage/errors';
import { azuriteCredential, bytes, md5, readAll, uniqueContainer, rejection } from './azureSupport';

jest.setTimeout(120_000);

describe('Cloud Storage driver of the azure backend, against Azurite', () => {
	let driver: StorageDriver;
	let container: string;

	beforeAll(async () => {
		const backend = findBackend('azure');
		expect(backend).toMatchObject({ value: 'azure', credentialType: 'cloudPackAzureBlobApi' });
		driver = await backend!.createDriver(azuriteCredential() as never, {});
		container = uniqueContainer('driver');
	});

	afterAll(async () => {
		await driver.deleteContainer(container, { force: true }).catch(() => undefined);
	});

	it('creates, ensures, gets and lists its container', async () => {
		expect(driver.backendName).toBe('Azure');
		const first = await driver.createContainer(container);
		expect(first.created).toBe(true);
		expect(first.container.name).toBe(container);
		expect(await rejection(driver.createContainer(container))).toBeInstanceOf(
			ContainerAlreadyExistsError,
		);
		expect((await driver.createContainer(container, { ifNotExists: true })).created).toBe(false);
		expect((await driver.getContainer(container)).name).toBe(container);
		expect((await driver.listContainers()).map((c) => c.name)).toContain(container);
		expect(await rejection(driver.getContainer(uniqueContainer('missing')))).toBeInstanceOf(
			ContainerNotFoundError,
		);
	});

	it('uploads, heads, downloads (whole and ranged), lists and copies objects', async () => {
		const data = bytes(1_500_000, 5);
		const uploaded = await driver.upload(
			container,
			'reports/2026/data.bin',
			Readable.from([data]),
			{
				contentType: 'application/octet-stream',
				metadata: { origin: 'driver' },
				size: data.length,
				expectedMd5: md5(data),
			},
		);
		expect(uploaded).toMatchObject({
			container,
			key: 'reports/2026/data.bin',
			size: data.length,
			md5: md5(data),
		});

		const head = await driver.headObject(container, 'reports/2026/data.bin');
		expect(head).toMatchObject({
			key: 'reports/2026/data.bin',
			size: data.length,
			md5: md5(data),
			contentType: 'application/octet-stream',
			metadata: { origin: 'driver' },
		});
		expect(head.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);

		const whole = await driver.download(container, 'reports/2026/data.bin');
		expect(md5(await readAll(whole.stream))).toBe(md5(data));
		const part = await driver.download(container, 'reports/2026/data.bin', { start: 10, end: 19 });
		expect(await readAll(part.stream)).toEqual(data.subarray(10, 20));
		expect(part.info.size).toBe(10);

		await driver.upload(container, 'reports/readme.txt', Readable.from([Buffer.from('hi')]));
		const tree = await driver.listObjects(container, { prefix: 'reports/', delimiter: '/' });
		expect(tree.objects.map((o) => o.key)).toEqual(['reports/readme.txt']);
		expect(tree.prefixes).toEqual([{ container, prefix: 'reports/2026/' }]);
		const page = await driver.listObjects(container, { pageSize: 1 });
		expect(page.objects).toHaveLength(1);
		expect(page.nextPageToken).toBeTruthy();
		const rest = await driver.listObjects(container, {
			pageSize: 1000,
			pageToken: page.nextPageToken,
		});
		expect([...page.objects, ...rest.objects].map((o) => o.key)).toEqual([
			'reports/2026/data.bin',
			'reports/readme.txt',
		]);

		const copy = await driver.copy(
			{ container, key: 'reports/2026/data.bin' },
			{ container, key: 'archive/data.bin' },
		);
		expect(copy).toMatchObject({
			key: 'archive/data.bin',
			size: data.length,
			metadata: { origin: 'driver' },
		});
		const missing = await rejection(
			driver.copy({ container, key: 'nope.bin' }, { container, key: 'x.bin' }),
		);
		expect(missing).toBeInstanceOf(ObjectNotFoundError);
		expect((missing as StorageError).parameter).toBe('sourceKey');
	});

	it('refuses an MD5 mismatch and bad names without writing, naming the parameter', async () => {
		const mismatch = await rejection(
			driver.upload(container, 'bad-md5.txt', Readable.from([Buffer.from('abc')]), {
				expectedMd5: '0'.repeat(32),
			}),
		);
		expect(mismatch).toBeInstanceOf(HashMismatchError);
		await expect(driver.headObject(container, 'bad-md5.txt')).rejects.toBeInstanceOf(
			ObjectNotFoundError,
		);

		const badContainer = await rejection(
			driver.upload('Bad_Container', 'x.txt', Readable.from([Buffer.from('x')])),
		);
		expect(badContainer).toBeInstanceOf(InvalidNameError);
		expect(badContainer.message).toMatch(
			/^Invalid "Container" "Bad_Container": use only lowercase letters, digits and hyphens$/,
		);

		const badMetadata = await rejection(
			driver.upload(container, 'meta.txt', Readable.from([Buffer.from('x')]), {
				metadata: { 'not-valid': 'x' },
			}),
		);
		expect(badMetadata.message).toMatch(/^Invalid "Metadata": the name "not-valid"/);
		await expect(driver.headObject(container, 'meta.txt')).rejects.toBeInstanceOf(
			ObjectNotFoundError,
		);

		const emptyKey = await rejection(driver.headObject(container, ''));
		expect(emptyKey.message).toBe('Invalid "Key": it must not be empty');
	});

	it('signs GET and PUT URLs that work with plain fetch', async () => {
		const putUrl = await driver.getUrl(container, 'signed/put.txt', {
			expiresIn: 120,
			method: 'PUT',
		});
		const put = await fetch(putUrl, {
			method: 'PUT',
			headers: { 'x-ms-blob-type': 'BlockBlob' },
			body: 'signed upload',
		});
		expect(put.status).toBe(201);
		const getUrl = await driver.getUrl(container, 'signed/put.txt', {
			expiresIn: 120,
			method: 'GET',
		});
		const get = await fetch(getUrl);
		expect(await get.text()).toBe('signed upload');
		expect((await fetch(getUrl, { method: 'DELETE' })).status).toBe(403);
	});

	it('deletes objects one by one and many at once, reporting each key', async () => {
		for (const key of ['del/a', 'del/b', 'del/c'])
			await driver.upload(container, key, Readable.from([Buffer.from(key)]));
		await driver.deleteObject(container, 'del/a');
		expect(await rejection(driver.deleteObject(container, 'del/a'))).toBeInstanceOf(
			ObjectNotFoundError,
		);
		const results = await driver.deleteObjects(container, ['del/b', 'del/missing', 'del/c']);
		expect(results).toEqual([
			{ key: 'del/b', deleted: true },
			{
				key: 'del/missing',
				deleted: false,
				error: `Object "del/missing" does not exist in container "${container}"`,
			},
			{ key: 'del/c', deleted: true },
		]);
		expect((await driver.listObjects(container, { prefix: 'del/' })).objects).toEqual([]);
	});

	it('refuses to delete a non-empty container unless forced', async () => {
		expect(await rejection(driver.deleteContainer(container))).toBeInstanceOf(
			ContainerNotEmptyError,
		);
		await driver.deleteContainer(container, { force: true });
		expect(await rejection(driver.getContainer(container))).toBeInstanceOf(ContainerNotFoundError);
	});
});
