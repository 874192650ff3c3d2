/**
 * The GCS driver on the paths the firebase-tools emulator lacks, against the spec-checked
 * GCS fake (test/fakes/gcs, checked in gcs-fake.test.ts): bucket create/get/delete and
 * resumable uploads sent in chunks, plus the retry policy and clean failure.
 */
import '../helpers/gcsJest';
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';

import {
	createGcsClient,
	parseGcsCredential,
	type GcsClient,
} from '../../nodes/shared/storage/drivers/gcs/client';
import { GcsStorageDriver } from '../../nodes/shared/storage/drivers/gcs/driver';
import * as gcs from '../../nodes/shared/storage/drivers/gcs/operations';
import { resolveRetryPolicy } from '../../nodes/shared/transport/retryPolicy';
import { startGcsFake, type GcsFake } from '../fakes/gcs/server';
import { gcsCredentialData } from '../helpers/gcs';
import { brokenAfter } from '../helpers/streams';

jest.setTimeout(60_000);

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let fake: GcsFake;
let client: GcsClient;
let driver: GcsStorageDriver;

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

async function failure(
	promise: Promise<unknown>,
): Promise<Error & { code?: string; parameter?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

beforeAll(async () => {
	fake = await startGcsFake({ projectId: 'fake-project' });
	// quick retries, same rules: 3 attempts
	client = await createGcsClient(
		parseGcsCredential(gcsCredentialData(fake.url, 'emulator', 'fake-project')),
		resolveRetryPolicy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 20_000 }),
	);
	driver = new GcsStorageDriver(client);
});

afterAll(async () => {
	await fake?.close();
});

describe('buckets (the emulator cannot create or delete them)', () => {
	it('creates one with a location and storage class, gets it, lists it', async () => {
		const { created, container } = await gcs.createBucket(client, 'driver-made', {
			location: 'europe-west1',
			storageClass: 'coldline',
		});
		expect(created).toBe(true);
		expect(container).toMatchObject({
			name: 'driver-made',
			location: 'EUROPE-WEST1',
			storageClass: 'COLDLINE',
		});
		expect(await driver.getContainer('driver-made')).toMatchObject({
			name: 'driver-made',
			createdAt: expect.any(String),
		});
		expect((await driver.listContainers()).map((b) => b.name)).toContain('driver-made');
		const insert = fake.requests.find((r) => r.method === 'POST' && r.path.startsWith('/b?'));
		expect(insert?.path).toMatch(/project=fake-project/);
	});

	it('refuses an existing one unless asked to succeed, and then changes nothing', async () => {
		const exists = await failure(driver.createContainer('driver-made'));
		expect(exists).toMatchObject({ code: 'ContainerAlreadyExists', parameter: 'container' });
		expect(exists.message).toMatch(/Bucket "driver-made" already exists/);
		const again = await driver.createContainer('driver-made', { ifNotExists: true });
		expect(again).toMatchObject({
			created: false,
			container: { name: 'driver-made', storageClass: 'COLDLINE' },
		});
		const named = await failure(
			gcs.createBucket(client, 'driver-made', { parameter: 'bucketName' }),
		);
		expect(named).toMatchObject({ code: 'ContainerAlreadyExists', parameter: 'bucketName' });
	});

	it('reports a missing bucket for bucket and object calls', async () => {
		expect(await failure(driver.getContainer('driver-missing'))).toMatchObject({
			code: 'ContainerNotFound',
			parameter: 'container',
		});
		expect(await failure(driver.listObjects('driver-missing', {}))).toMatchObject({
			code: 'ContainerNotFound',
		});
		expect(await failure(driver.headObject('driver-missing', 'a.txt'))).toMatchObject({
			code: 'ContainerNotFound',
		});
		expect(await failure(driver.deleteContainer('driver-missing'))).toMatchObject({
			code: 'ContainerNotFound',
		});
		const copy = await failure(
			driver.copy(
				{ container: 'driver-made', key: 'nope' },
				{ container: 'driver-missing', key: 'x' },
			),
		);
		expect(copy).toMatchObject({ code: 'ObjectNotFound', parameter: 'sourceKey' });
	});

	it('refuses to delete a non-empty bucket without Force, and deletes it with Force', async () => {
		await driver.createContainer('driver-full');
		await driver.upload('driver-full', 'a/1.txt', Readable.from([Buffer.from('one')]), { size: 3 });
		await driver.upload('driver-full', 'b.txt', Readable.from([Buffer.from('two')]), { size: 3 });
		const refused = await failure(driver.deleteContainer('driver-full'));
		expect(refused).toMatchObject({ code: 'ContainerNotEmpty' });
		expect(refused.message).toMatch(/"Force"/);
		expect((await driver.listObjects('driver-full', {})).objects).toHaveLength(2);
		await driver.deleteContainer('driver-full', { force: true });
		expect(await failure(driver.getContainer('driver-full'))).toMatchObject({
			code: 'ContainerNotFound',
		});
	});

	it('copies into another bucket, or reports which bucket is missing', async () => {
		await driver.createContainer('driver-src');
		await driver.upload('driver-src', 'x.txt', Readable.from([Buffer.from('x')]), {
			size: 1,
			contentType: 'text/plain',
		});
		const copied = await driver.copy(
			{ container: 'driver-src', key: 'x.txt' },
			{ container: 'driver-made', key: 'y/x.txt' },
		);
		expect(copied).toMatchObject({
			container: 'driver-made',
			key: 'y/x.txt',
			size: 1,
			contentType: 'text/plain',
		});
		const missing = await failure(
			driver.copy(
				{ container: 'driver-src', key: 'x.txt' },
				{ container: 'driver-gone', key: 'x.txt' },
			),
		);
		expect(missing).toMatchObject({ code: 'ContainerNotFound', parameter: 'targetContainer' });
		expect(missing.message).toMatch(/"driver-gone"/);
	});
});

describe('resumable uploads in chunks (the emulator takes only one request)', () => {
	beforeAll(async () => {
		await driver.createContainer('driver-chunks');
	});

	it('sends 256 KiB chunks, each answered 308 with the Range kept, then 200, and reads back the same bytes', async () => {
		const data = randomBytes(5 * 256 * 1024 + 12_345);
		const before = fake.requests.length;
		const info = await gcs.uploadObject(
			client,
			'driver-chunks',
			'big/chunked.bin',
			Readable.from([data]),
			{
				size: data.length,
				chunkSize: 256 * 1024,
				contentType: 'application/x-chunks',
				metadata: { via: 'chunks' },
			},
		);
		expect(info).toMatchObject({
			size: data.length,
			md5: md5(data),
			contentType: 'application/x-chunks',
			metadata: { via: 'chunks' },
		});
		const puts = fake.requests.slice(before).filter((r) => r.method === 'PUT');
		expect(puts.map((r) => r.status)).toEqual([308, 308, 308, 308, 308, 200]);
		expect(puts[0].contentRange).toBe('bytes 0-262143/*');
		expect(puts[5].contentRange).toBe(`bytes 1310720-${data.length - 1}/${data.length}`);
		expect(puts.every((r) => r.bytes <= 256 * 1024)).toBe(true);
		expect(
			sha256(await collect((await driver.download('driver-chunks', 'big/chunked.bin')).stream)),
		).toBe(sha256(data));
		expect(fake.openSessions()).toEqual([]);
	});

	it('resumes after a chunk is refused with 503: asks the server what it kept and goes on', async () => {
		const data = randomBytes(3 * 256 * 1024 + 7);
		fake.failNext(1, 503, { method: 'PUT', path: /upload_id=/ });
		const before = fake.requests.length;
		const info = await gcs.uploadObject(
			client,
			'driver-chunks',
			'big/retried.bin',
			Readable.from([data]),
			{ size: data.length, chunkSize: 256 * 1024 },
		);
		expect(info.md5).toBe(md5(data));
		const puts = fake.requests.slice(before).filter((r) => r.method === 'PUT');
		expect(puts[0].status).toBe(503);
		// the status query names the total, as Google's documentation shows
		expect(puts.some((r) => r.contentRange === `bytes */${data.length}` && r.status === 308)).toBe(
			true,
		);
		expect(puts[puts.length - 1].status).toBe(200);
		expect(
			sha256(await collect((await driver.download('driver-chunks', 'big/retried.bin')).stream)),
		).toBe(sha256(data));
	});

	it('leaves no object and no open session when the source fails midway', async () => {
		const source = brokenAfter(
			700 * 1024,
			new Error('the n8n binary stream broke'),
			randomBytes(64 * 1024),
		);
		const error = await failure(
			gcs.uploadObject(client, 'driver-chunks', 'big/broken.bin', source, {
				size: 4 * 1024 * 1024,
				chunkSize: 256 * 1024,
			}),
		);
		expect(error.message).toMatch(/binary stream broke/);
		expect(await failure(driver.headObject('driver-chunks', 'big/broken.bin'))).toMatchObject({
			code: 'ObjectNotFound',
		});
		expect(fake.openSessions()).toEqual([]);
		expect(
			fake.requests.some(
				(r) => r.method === 'DELETE' && /upload_id=/.test(r.path) && r.status === 499,
			),
		).toBe(true);
	});

	it('never overwrites what another writer stored meanwhile (generation precondition, 412)', async () => {
		await driver.upload(
			'driver-chunks',
			'big/contended.bin',
			Readable.from([Buffer.from('first')]),
			{ size: 5 },
		);
		let sent = 0;
		const source = new Readable({
			read() {
				if (sent === 512 * 1024) {
					// another writer replaces the object while this upload is under way
					void driver
						.upload('driver-chunks', 'big/contended.bin', Readable.from([Buffer.from('theirs')]), {
							size: 6,
						})
						.then(() => {
							sent += 1;
							this.push(randomBytes(1024));
							this.push(null);
						});
					return;
				}
				sent += 256 * 1024;
				this.push(randomBytes(256 * 1024));
			},
		});
		const error = await failure(
			gcs.uploadObject(client, 'driver-chunks', 'big/contended.bin', source, {
				size: 512 * 1024 + 1024,
				chunkSize: 256 * 1024,
			}),
		);
		expect(error.message).toMatch(/changed by someone else during the upload.*412/);
		expect(
			(
				await collect((await driver.download('driver-chunks', 'big/contended.bin')).stream)
			).toString(),
		).toBe('theirs');
		const initiation = fake.requests.filter(
			(r) => r.method === 'POST' && /uploadType=resumable/.test(r.path) && /contended/.test(r.path),
		);
		expect(initiation[initiation.length - 1].path).toMatch(/ifGenerationMatch=\d+/);
	});

	it('an expected MD5 that does not match is refused by the server, and nothing is stored', async () => {
		const data = Buffer.from('the real bytes');
		for (const options of [{ size: data.length }, { size: data.length, chunkSize: 256 * 1024 }]) {
			const error = await failure(
				driver.upload('driver-chunks', 'md5/wrong.txt', Readable.from([data]), {
					...options,
					expectedMd5: md5(Buffer.from('other')),
				}),
			);
			expect(error).toMatchObject({ code: 'HashMismatch' });
			expect(error.message).toMatch(/was not stored: Provided MD5 hash/);
			expect(await failure(driver.headObject('driver-chunks', 'md5/wrong.txt'))).toMatchObject({
				code: 'ObjectNotFound',
			});
		}
		const stored = await driver.upload('driver-chunks', 'md5/right.txt', Readable.from([data]), {
			size: data.length,
			expectedMd5: md5(data),
		});
		expect(stored.md5).toBe(md5(data));
	});

	it('streams an upload of unknown size resumable, in one request', async () => {
		const data = randomBytes(2 * 1024 * 1024);
		const before = fake.requests.length;
		const info = await driver.upload(
			'driver-chunks',
			'big/unknown-size.bin',
			Readable.from([data.subarray(0, 1_000_000), data.subarray(1_000_000)]),
		);
		expect(info).toMatchObject({ size: data.length, md5: md5(data) });
		const puts = fake.requests.slice(before).filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0]).toMatchObject({ contentRange: 'bytes 0-*/*', bytes: data.length, status: 200 });
	});
});

describe("resumable uploads from n8n's file, in one request from pooled buffers", () => {
	let dir: string;
	const fileOf = (name: string, data: Buffer) => {
		const path = join(dir, name);
		writeFileSync(path, data);
		return { path, size: data.length };
	};
	const putsSince = (before: number) =>
		fake.requests.slice(before).filter((r) => r.method === 'PUT');

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'gcs-resumable-'));
		await driver.createContainer('driver-files');
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('sends the file in one PUT with its size, and the object has its bytes', async () => {
		const data = randomBytes(9 * 1024 * 1024 + 1234);
		const before = fake.requests.length;
		const info = await driver.upload('driver-files', 'one.bin', fileOf('one.bin', data), {
			size: data.length,
			contentType: 'application/x-one',
		});
		expect(info).toMatchObject({
			size: data.length,
			md5: md5(data),
			contentType: 'application/x-one',
		});
		expect(putsSince(before)).toEqual([
			expect.objectContaining({
				contentRange: `bytes 0-*/${data.length}`,
				bytes: data.length,
				status: 200,
			}),
		]);
		expect(sha256(await collect((await driver.download('driver-files', 'one.bin')).stream))).toBe(
			sha256(data),
		);
		expect(fake.openSessions()).toEqual([]);
	});

	it('resumes from what the server kept when the connection drops midway, without sending it all again', async () => {
		const data = randomBytes(12 * 1024 * 1024 + 77);
		fake.breakNext(5 * 1024 * 1024, { method: 'PUT', path: /upload_id=/ });
		const before = fake.requests.length;
		const info = await driver.upload('driver-files', 'resumed.bin', fileOf('resumed.bin', data), {
			size: data.length,
		});
		expect(info).toMatchObject({ size: data.length, md5: md5(data) });
		const puts = putsSince(before);
		expect(puts[0]).toMatchObject({ contentRange: `bytes 0-*/${data.length}`, status: 0 });
		expect(puts[1]).toMatchObject({ contentRange: `bytes */${data.length}`, status: 308 });
		const resumed = /^bytes (\d+)-\*\//.exec(puts[2].contentRange ?? '');
		expect(Number(resumed?.[1])).toBeGreaterThan(0);
		expect(Number(resumed?.[1]) % (256 * 1024)).toBe(0);
		expect(puts[2]).toMatchObject({ status: 200, bytes: data.length - Number(resumed?.[1]) });
		expect(
			sha256(await collect((await driver.download('driver-files', 'resumed.bin')).stream)),
		).toBe(sha256(data));
		expect(fake.openSessions()).toEqual([]);
	});

	it('a stream cannot go back: a dropped connection fails the upload, cancels the session and keeps no object', async () => {
		const data = randomBytes(12 * 1024 * 1024);
		fake.breakNext(5 * 1024 * 1024, { method: 'PUT', path: /upload_id=/ });
		const error = await failure(
			driver.upload(
				'driver-files',
				'stream-broken.bin',
				Readable.from([data.subarray(0, 6_000_000), data.subarray(6_000_000)]),
				{ size: data.length },
			),
		);
		expect(error.message).toMatch(
			/Cannot reach Google Cloud Storage|ECONNRESET|EPIPE|socket hang up/i,
		);
		expect(await failure(driver.headObject('driver-files', 'stream-broken.bin'))).toMatchObject({
			code: 'ObjectNotFound',
		});
		expect(fake.openSessions()).toEqual([]);
	});

	it('checks the CRC32C Google computed against the bytes sent: on a mismatch the object is deleted', async () => {
		const data = randomBytes(9 * 1024 * 1024);
		fake.corruptNext({ method: 'PUT', path: /upload_id=/ });
		const error = await failure(
			driver.upload('driver-files', 'corrupted.bin', fileOf('corrupted.bin', data), {
				size: data.length,
			}),
		);
		expect(error).toMatchObject({ code: 'HashMismatch' });
		expect(error.message).toMatch(/"corrupted\.bin" was not kept: .*CRC32C/);
		expect(await failure(driver.headObject('driver-files', 'corrupted.bin'))).toMatchObject({
			code: 'ObjectNotFound',
		});
	});

	it('refuses a file shorter than its declared size, and keeps nothing', async () => {
		const data = randomBytes(3 * 1024 * 1024);
		const file = fileOf('short.bin', data);
		const error = await failure(
			gcs.uploadObject(
				client,
				'driver-files',
				'short.bin',
				{ path: file.path, size: data.length + 10 },
				{ size: data.length + 10, resumableThreshold: 0 },
			),
		);
		expect(error.message).toMatch(/shorter than its declared size/);
		expect(await failure(driver.headObject('driver-files', 'short.bin'))).toMatchObject({
			code: 'ObjectNotFound',
		});
		expect(fake.openSessions()).toEqual([]);
	});

	it('in chunks of unknown total: the last chunk ends on a boundary, so an empty request names the total', async () => {
		const data = randomBytes(3 * 256 * 1024);
		const before = fake.requests.length;
		const info = await gcs.uploadObject(
			client,
			'driver-files',
			'boundary.bin',
			Readable.from([data]),
			{ chunkSize: 256 * 1024 },
		);
		expect(info).toMatchObject({ size: data.length, md5: md5(data) });
		expect(putsSince(before).map((r) => [r.contentRange, r.status])).toEqual([
			['bytes 0-262143/*', 308],
			['bytes 262144-524287/*', 308],
			['bytes 524288-786431/*', 308],
			[`bytes */${data.length}`, 200],
		]);
	});

	it('in chunks: a chunk whose connection drops is sent again from its buffer', async () => {
		const data = randomBytes(4 * 512 * 1024 + 5);
		fake.breakNext(300 * 1024, { method: 'PUT', path: /upload_id=/ });
		const before = fake.requests.length;
		const info = await gcs.uploadObject(
			client,
			'driver-files',
			'chunk-dropped.bin',
			fileOf('chunk-dropped.bin', data),
			{ size: data.length, chunkSize: 512 * 1024 },
		);
		expect(info).toMatchObject({ size: data.length, md5: md5(data) });
		const puts = putsSince(before);
		expect(puts[0]).toMatchObject({ contentRange: 'bytes 0-524287/*', status: 0 });
		expect(puts[1]).toMatchObject({ contentRange: `bytes */${data.length}`, status: 308 });
		// the fake kept the first 256 KiB of the broken request: only the rest is sent again
		expect(puts[2]).toMatchObject({ contentRange: 'bytes 262144-524287/*', status: 308 });
		expect(
			sha256(await collect((await driver.download('driver-files', 'chunk-dropped.bin')).stream)),
		).toBe(sha256(data));
	});
});

describe('small uploads in one request, held in one buffer', () => {
	it('sends a stream again when the connection drops or the server is busy, and keeps its bytes', async () => {
		const data = randomBytes(3 * 1024 * 1024);
		fake.breakNext(1024 * 1024, { method: 'POST', path: /uploadType=multipart/ });
		let before = fake.requests.length;
		await driver.upload('driver-files', 'small-broken.bin', Readable.from([data]), {
			size: data.length,
		});
		const posts = () =>
			fake.requests.slice(before).filter((request) => request.method === 'POST').length;
		expect(posts()).toBe(2);
		expect(
			sha256(await collect((await driver.download('driver-files', 'small-broken.bin')).stream)),
		).toBe(sha256(data));

		fake.failNext(2, 503, { method: 'POST', path: /uploadType=multipart/ });
		before = fake.requests.length;
		await driver.upload('driver-files', 'small-busy.bin', Readable.from([data]), {
			size: data.length,
		});
		expect(posts()).toBe(3);
		expect(await driver.headObject('driver-files', 'small-busy.bin')).toMatchObject({
			size: data.length,
		});
	});

	it('gives up after the last attempt, and keeps nothing', async () => {
		fake.failNext(3, 503, { method: 'POST', path: /uploadType=multipart/ });
		const error = await failure(
			driver.upload('driver-files', 'small-refused.bin', Readable.from([Buffer.from('x')]), {
				size: 1,
			}),
		);
		expect(error.message).toMatch(/answered 503/);
		expect(await failure(driver.headObject('driver-files', 'small-refused.bin'))).toMatchObject({
			code: 'ObjectNotFound',
		});
	});

	it('a stream longer or shorter than its declared size is refused before anything is sent', async () => {
		const before = fake.requests.length;
		const longer = await failure(
			driver.upload('driver-files', 'small-long.bin', Readable.from([Buffer.alloc(11)]), {
				size: 10,
			}),
		);
		expect(longer).toMatchObject({ parameter: 'binaryPropertyName' });
		expect(longer.message).toBe('The binary data is longer than its declared size of 10 bytes');
		const shorter = await failure(
			driver.upload('driver-files', 'small-short.bin', Readable.from([Buffer.alloc(9)]), {
				size: 10,
			}),
		);
		expect(shorter.message).toBe(
			'The binary data is shorter than its declared size: 9 of 10 bytes',
		);
		expect(fake.requests.slice(before)).toEqual([]);
	});
});

describe('retries follow the pack policy', () => {
	it('retries 503 and 429 until an answer, within the attempts', async () => {
		await driver.upload('driver-made', 'r.txt', Readable.from([Buffer.from('r')]), { size: 1 });
		fake.failNext(2, 503, { method: 'GET', path: /\/o\/r\.txt/ });
		expect(await driver.headObject('driver-made', 'r.txt')).toMatchObject({ size: 1 });
		fake.failNext(1, 429, { method: 'GET', path: /\/o\/r\.txt/ });
		expect(await driver.headObject('driver-made', 'r.txt')).toMatchObject({ size: 1 });
	});

	it('gives up after the last attempt with a typed error, and never retries a 400', async () => {
		fake.failNext(3, 429, { method: 'GET', path: /\/o\/r\.txt/ });
		const before = fake.requests.length;
		expect(await failure(driver.headObject('driver-made', 'r.txt'))).toMatchObject({
			code: 'RateLimited',
		});
		expect(fake.requests.slice(before).map((r) => r.status)).toEqual([429, 429, 429]);
		fake.failNext(1, 400, { method: 'GET', path: /\/o\/r\.txt/ });
		const again = fake.requests.length;
		expect((await failure(driver.headObject('driver-made', 'r.txt'))).message).toMatch(
			/answered 400/,
		);
		expect(fake.requests.length - again).toBe(1);
		fake.failNext(1, 403, { method: 'GET', path: /\/o\/r\.txt/ });
		expect(await failure(driver.headObject('driver-made', 'r.txt'))).toMatchObject({
			code: 'Auth',
		});
	});
});

describe('parallel composite uploads (the emulator has no compose)', () => {
	const KiB = 1024;
	const composite = { compositeThreshold: 1, compositePartSize: 64 * KiB, compositeConcurrency: 4 };
	const leftovers = async () =>
		(await driver.listObjects('driver-composite', { prefix: 'cloud-pack-tmp/' })).objects;

	beforeAll(async () => {
		await driver.createContainer('driver-composite');
	});

	it('sends the parts at once, composes them in rounds of 32, keeps the bytes and metadata, leaves no temporary object', async () => {
		// 70 full parts and a short one: 71 parts, composed as 32 + 32 + 7, then those 3
		const data = randomBytes(70 * 64 * KiB + 999);
		const before = fake.requests.length;
		const info = await gcs.uploadObject(
			client,
			'driver-composite',
			'big/composed.bin',
			Readable.from([data]),
			{
				...composite,
				size: data.length,
				expectedMd5: md5(data),
				contentType: 'application/x-composed',
				metadata: { via: 'compose' },
			},
		);
		expect(info).toMatchObject({
			size: data.length,
			contentType: 'application/x-composed',
			metadata: { via: 'compose' },
		});
		const requests = fake.requests.slice(before);
		const parts = requests.filter(
			(r) => r.method === 'POST' && /uploadType=multipart/.test(r.path),
		);
		expect(parts).toHaveLength(71);
		const composes = requests.filter((r) => r.method === 'POST' && /\/compose/.test(r.path));
		expect(composes).toHaveLength(4);
		expect(composes[3].path).toMatch(/big%2Fcomposed\.bin\/compose\?.*ifGenerationMatch=0/);
		expect(
			sha256(await collect((await driver.download('driver-composite', 'big/composed.bin')).stream)),
		).toBe(sha256(data));
		expect(await leftovers()).toEqual([]);
	});

	it('reads n8n’s file into part buffers, and replaces the live generation only', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'gcs-composite-'));
		try {
			const data = randomBytes(5 * 64 * KiB);
			const path = join(dir, 'input.bin');
			writeFileSync(path, data);
			await gcs.uploadObject(
				client,
				'driver-composite',
				'file.bin',
				{ path, size: data.length },
				composite,
			);
			const again = randomBytes(3 * 64 * KiB + 1);
			writeFileSync(path, again);
			const before = fake.requests.length;
			await gcs.uploadObject(
				client,
				'driver-composite',
				'file.bin',
				{ path, size: again.length },
				{ ...composite, size: again.length },
			);
			const final = fake.requests.slice(before).filter((r) => /file\.bin\/compose/.test(r.path));
			expect(final[0].path).toMatch(/ifGenerationMatch=[1-9]\d*/);
			expect(
				sha256(await collect((await driver.download('driver-composite', 'file.bin')).stream)),
			).toBe(sha256(again));
			expect(await leftovers()).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('a part that fails for good, a wrong expected MD5, a refused or a damaged compose: no object, no temporary object', async () => {
		const data = randomBytes(10 * 64 * KiB);
		// every attempt at the third part (its name ends the query's name=…%2F00003)
		fake.failNext(3, 503, { method: 'POST', path: /uploadType=multipart.*%2F00003(&|$)/ });
		expect(
			(
				await failure(
					gcs.uploadObject(client, 'driver-composite', 'failed/part.bin', Readable.from([data]), {
						...composite,
						size: data.length,
					}),
				)
			).message,
		).toMatch(/503/);
		const wrongMd5 = await failure(
			gcs.uploadObject(client, 'driver-composite', 'failed/md5.bin', Readable.from([data]), {
				...composite,
				size: data.length,
				expectedMd5: md5(Buffer.from('other')),
			}),
		);
		expect(wrongMd5).toMatchObject({ code: 'HashMismatch' });
		fake.failNext(1, 412, { method: 'POST', path: /refused\.bin\/compose/ });
		expect(
			(
				await failure(
					gcs.uploadObject(
						client,
						'driver-composite',
						'failed/refused.bin',
						Readable.from([data]),
						{
							...composite,
							size: data.length,
						},
					),
				)
			).message,
		).toMatch(/changed by someone else during the upload/);
		fake.corruptNext({ method: 'POST', path: /damaged\.bin\/compose/ });
		const damaged = await failure(
			gcs.uploadObject(client, 'driver-composite', 'failed/damaged.bin', Readable.from([data]), {
				...composite,
				size: data.length,
			}),
		);
		expect(damaged).toMatchObject({ code: 'HashMismatch' });
		expect(damaged.message).toMatch(/composed other data than was sent/);
		for (const key of [
			'failed/part.bin',
			'failed/md5.bin',
			'failed/refused.bin',
			'failed/damaged.bin',
		]) {
			expect(await failure(driver.headObject('driver-composite', key))).toMatchObject({
				code: 'ObjectNotFound',
			});
		}
		expect(await leftovers()).toEqual([]);
	});

	it('refuses a part size or parts-at-once that is not a positive whole number, before sending anything', async () => {
		const before = fake.requests.length;
		for (const [option, value] of [
			['compositePartSize', 0],
			['compositeConcurrency', 1.5],
		] as const) {
			const error = await failure(
				gcs.uploadObject(client, 'driver-composite', 'bad.bin', Readable.from([Buffer.from('x')]), {
					...composite,
					[option]: value,
				}),
			);
			expect(error).toMatchObject({ code: 'InvalidName', parameter: option });
		}
		expect(fake.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
	});
});
