/**
 * The spec check of the GCS fake (test/fakes/gcs): the official @google-cloud/storage client,
 * pointed at it as at any Google-compatible endpoint (JSON API under /storage/v1), must get
 * what Google's JSON API documents. The SDK validates every upload's and download's CRC32C
 * against its own implementation, so the fake's hashes are checked too. What the SDK hides
 * (the 308 / Range exchange of chunked resumable uploads) is checked with plain HTTP against
 * https://cloud.google.com/storage/docs/performing-resumable-uploads.
 */
import '../helpers/gcsJest';
import { createHash, randomBytes } from 'crypto';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { Storage, type File } from '@google-cloud/storage';

import { startGcsFake, type GcsFake } from '../fakes/gcs/server';

jest.setTimeout(60_000);

let fake: GcsFake;
let storage: Storage;

const md5 = (data: Buffer) => createHash('md5').update(data).digest('base64');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Compares bytes by digest: jest's deep equality is very slow on large buffers. */
const expectSame = (actual: Buffer, expected: Buffer) => {
	expect(actual.length).toBe(expected.length);
	expect(sha256(actual)).toBe(sha256(expected));
};

async function upload(
	bucket: string,
	name: string,
	data: Buffer,
	options: Record<string, unknown> = {},
) {
	const file = storage.bucket(bucket).file(name);
	await pipeline(Readable.from([data]), file.createWriteStream(options));
	return file;
}

async function read(
	bucket: string,
	name: string,
	options: { start?: number; end?: number } = {},
): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of storage.bucket(bucket).file(name).createReadStream(options))
		chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

async function status(promise: Promise<unknown>): Promise<number> {
	try {
		await promise;
	} catch (error) {
		return (error as { code: number }).code;
	}
	throw new Error('expected the call to fail');
}

beforeAll(async () => {
	fake = await startGcsFake({ projectId: 'spec-project' });
	storage = new Storage({
		apiEndpoint: fake.url,
		projectId: 'spec-project',
		retryOptions: { retryDelayMultiplier: 1.1, maxRetryDelay: 1, totalTimeout: 30 },
	});
});

afterAll(async () => {
	await fake?.close();
});

describe('buckets', () => {
	it('creates with a location and storage class, gets, lists and deletes', async () => {
		const [bucket] = await storage.createBucket('spec-bucket-one', {
			location: 'EU',
			storageClass: 'NEARLINE',
		});
		expect(bucket.metadata).toMatchObject({
			name: 'spec-bucket-one',
			location: 'EU',
			storageClass: 'NEARLINE',
			kind: 'storage#bucket',
		});
		const [metadata] = await storage.bucket('spec-bucket-one').getMetadata();
		expect(metadata.timeCreated).toEqual(expect.any(String));
		expect(await storage.bucket('spec-bucket-one').exists()).toEqual([true]);
		const [buckets] = await storage.getBuckets();
		expect(buckets.map((b) => b.name)).toContain('spec-bucket-one');
		expect(
			fake.requests.find((r) => r.method === 'GET' && r.path.startsWith('/storage/v1/b?'))?.path,
		).toMatch(/project=spec-project/);
		await storage.bucket('spec-bucket-one').delete();
		expect(await storage.bucket('spec-bucket-one').exists()).toEqual([false]);
	});

	it('refuses a duplicate (409), a bad name (400), a missing bucket (404) and a non-empty delete (409)', async () => {
		await storage.createBucket('spec-bucket-two');
		expect(await status(storage.createBucket('spec-bucket-two'))).toBe(409);
		expect(await status(storage.createBucket('Bad_Name'))).toBe(400);
		expect(await status(storage.createBucket('google-things'))).toBe(400);
		expect(await status(storage.bucket('spec-missing').getMetadata())).toBe(404);
		await upload('spec-bucket-two', 'keep.txt', Buffer.from('x'), { resumable: false });
		const error = await storage
			.bucket('spec-bucket-two')
			.delete()
			.catch((e: Error & { code: number }) => e);
		expect(error).toMatchObject({ code: 409, message: expect.stringMatching(/not empty/) });
	});

	it('pages the bucket list', async () => {
		for (const name of ['spec-page-a', 'spec-page-b', 'spec-page-c'])
			await storage.createBucket(name);
		const [first, next] = await storage.getBuckets({
			autoPaginate: false,
			maxResults: 2,
			prefix: 'spec-page-',
		});
		expect(first.map((b) => b.name)).toEqual(['spec-page-a', 'spec-page-b']);
		const [second, after] = await storage.getBuckets({ ...next!, autoPaginate: false });
		expect(second.map((b) => b.name)).toEqual(['spec-page-c']);
		expect(after).toBeNull();
	});
});

describe('objects', () => {
	beforeAll(async () => {
		await storage.createBucket('spec-objects');
		await storage.createBucket('spec-objects-copy');
	});

	it('stores a multipart upload with its metadata and the hashes Google would compute', async () => {
		const data = randomBytes(70_000);
		const file = await upload('spec-objects', 'dir/a b+c.bin', data, {
			resumable: false,
			metadata: {
				contentType: 'application/x-test',
				cacheControl: 'no-cache',
				metadata: { owner: 'spec' },
			},
		});
		expect(file.metadata).toMatchObject({
			name: 'dir/a b+c.bin',
			size: '70000',
			md5Hash: md5(data),
			contentType: 'application/x-test',
		});
		const [metadata] = await file.getMetadata();
		expect(metadata).toMatchObject({
			cacheControl: 'no-cache',
			metadata: { owner: 'spec' },
			bucket: 'spec-objects',
		});
		expectSame(await read('spec-objects', 'dir/a b+c.bin'), data); // the SDK checks the CRC32C
		expect(
			fake.requests.some((r) => r.method === 'POST' && /uploadType=multipart/.test(r.path)),
		).toBe(true);
	});

	it('stores a resumable upload sent in one streamed request', async () => {
		const data = randomBytes(3 * 1024 * 1024 + 17);
		const before = fake.requests.length;
		await upload('spec-objects', 'one-request.bin', data, { resumable: true });
		const puts = fake.requests.slice(before).filter((r) => r.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].contentRange).toMatch(/^bytes 0-\*\/\*$/);
		expectSame(await read('spec-objects', 'one-request.bin'), data);
	});

	it('stores a resumable upload sent in 256 KiB chunks: 308 Resume Incomplete with Range, then 200', async () => {
		const data = randomBytes(1024 * 1024 + 1000);
		const before = fake.requests.length;
		await upload('spec-objects', 'chunked.bin', data, { resumable: true, chunkSize: 256 * 1024 });
		const puts = fake.requests.slice(before).filter((r) => r.method === 'PUT');
		expect(puts.map((r) => r.status)).toEqual([308, 308, 308, 308, 200]);
		expect(puts.map((r) => r.contentRange)).toEqual([
			'bytes 0-262143/*',
			'bytes 262144-524287/*',
			'bytes 524288-786431/*',
			'bytes 786432-1048575/*',
			`bytes 1048576-${data.length - 1}/${data.length}`,
		]);
		expectSame(await read('spec-objects', 'chunked.bin'), data);
		expect(fake.openSessions()).toEqual([]);
	});

	it('follows the resumable protocol on the wire: status query, partial persistence, resume, cancel', async () => {
		const data = randomBytes(600 * 1024);
		const start = await fetch(
			`${fake.url}/upload/storage/v1/b/spec-objects/o?uploadType=resumable&name=raw.bin`,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'X-Upload-Content-Type': 'application/x-raw',
				},
				body: JSON.stringify({ metadata: { via: 'raw' } }),
			},
		);
		expect(start.status).toBe(200);
		const session = start.headers.get('location')!;
		expect(session).toMatch(/upload_id=/);

		const query = () =>
			fetch(session, { method: 'PUT', headers: { 'Content-Range': 'bytes */*' } });
		let answer = await query();
		expect(answer.status).toBe(308);
		expect(answer.headers.get('range')).toBeNull(); // nothing persisted yet

		// A non-final chunk that is not a multiple of 256 KiB: only whole units are kept.
		answer = await fetch(session, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes 0-${300 * 1024 - 1}/${data.length}` },
			body: data.subarray(0, 300 * 1024),
		});
		expect(answer.status).toBe(308);
		expect(answer.headers.get('range')).toBe('bytes=0-262143');
		answer = await query();
		expect(answer.headers.get('range')).toBe('bytes=0-262143');

		// Starting beyond what is persisted is refused.
		answer = await fetch(session, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes 400000-${data.length - 1}/${data.length}` },
			body: data.subarray(400000),
		});
		expect(answer.status).toBe(400);

		// A wrong declared hash on the final request is refused, and nothing is stored.
		const wrong = await fetch(session, {
			method: 'PUT',
			headers: {
				'Content-Range': `bytes 262144-${data.length - 1}/${data.length}`,
				'X-Goog-Hash': `md5=${md5(Buffer.from('other'))}`,
			},
			body: data.subarray(262144),
		});
		expect(wrong.status).toBe(400);
		expect(fake.objectFile('spec-objects', 'raw.bin')).toBeUndefined();

		// A fresh session, resumed from what the server reports, completes with the right bytes.
		const second = (
			await fetch(
				`${fake.url}/upload/storage/v1/b/spec-objects/o?uploadType=resumable&name=raw.bin`,
				{ method: 'POST' },
			)
		).headers.get('location')!;
		await fetch(second, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes 0-262143/${data.length}` },
			body: data.subarray(0, 262144),
		});
		const done = await fetch(second, {
			method: 'PUT',
			headers: {
				'Content-Range': `bytes 262144-${data.length - 1}/${data.length}`,
				'X-Goog-Hash': `md5=${md5(data)}`,
			},
			body: data.subarray(262144),
		});
		expect(done.status).toBe(200);
		expect(await done.json()).toMatchObject({
			name: 'raw.bin',
			size: String(data.length),
			md5Hash: md5(data),
		});
		expectSame(await read('spec-objects', 'raw.bin'), data);

		// Cancelling a session: 499, and the session is gone.
		const third = (
			await fetch(
				`${fake.url}/upload/storage/v1/b/spec-objects/o?uploadType=resumable&name=cancelled.bin`,
				{ method: 'POST' },
			)
		).headers.get('location')!;
		expect((await fetch(third, { method: 'DELETE' })).status).toBe(499);
		expect(
			(await fetch(third, { method: 'PUT', headers: { 'Content-Range': 'bytes */*' } })).status,
		).toBe(404);
		expect(await storage.bucket('spec-objects').file('cancelled.bin').exists()).toEqual([false]);
	});

	it('finalizes with an empty `bytes */TOTAL` once all bytes are held, and keeps whole units of a dropped request', async () => {
		const data = randomBytes(2 * 256 * 1024);
		const open = async (name: string) =>
			(
				await fetch(
					`${fake.url}/upload/storage/v1/b/spec-objects/o?uploadType=resumable&name=${name}`,
					{ method: 'POST' },
				)
			).headers.get('location')!;
		// the total was unknown while sending: the last chunk ended exactly on a boundary
		const session = await open('finalized.bin');
		const first = await fetch(session, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes 0-${data.length - 1}/*` },
			body: data,
		});
		expect(first.status).toBe(308);
		const early = await fetch(session, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes */${data.length + 1}` },
		});
		expect(early.status).toBe(308); // not all of that total is held: a status query
		const done = await fetch(session, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes */${data.length}`, 'X-Goog-Hash': `md5=${md5(data)}` },
		});
		expect(done.status).toBe(200);
		expect(await done.json()).toMatchObject({
			name: 'finalized.bin',
			size: String(data.length),
			md5Hash: md5(data),
		});

		// a request whose connection drops: what arrived is kept in whole 256 KiB units
		const dropped = await open('dropped.bin');
		fake.breakNext(300 * 1024, { method: 'PUT', path: /name=dropped\.bin/ });
		await expect(
			fetch(dropped, {
				method: 'PUT',
				headers: { 'Content-Range': `bytes 0-*/${data.length}` },
				body: data,
			}),
		).rejects.toThrow();
		const status = await fetch(dropped, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes */${data.length}` },
		});
		expect(status.status).toBe(308);
		expect(status.headers.get('range')).toMatch(/^bytes=0-(262143|524287)$/);
		const kept = Number(/-(\d+)$/.exec(status.headers.get('range')!)![1]) + 1;
		const rest = await fetch(dropped, {
			method: 'PUT',
			headers: { 'Content-Range': `bytes ${kept}-*/${data.length}` },
			body: data.subarray(kept),
		});
		expect(rest.status).toBe(200);
		expectSame(await read('spec-objects', 'dropped.bin'), data);
	});

	it('serves byte ranges (206) and refuses unsatisfiable ones (416)', async () => {
		const data = randomBytes(10_000);
		await upload('spec-objects', 'ranges.bin', data, { resumable: false });
		expectSame(
			await read('spec-objects', 'ranges.bin', { start: 100, end: 199 }),
			data.subarray(100, 200),
		);
		expectSame(await read('spec-objects', 'ranges.bin', { start: 9_990 }), data.subarray(9_990));
		const response = await fetch(`${fake.url}/storage/v1/b/spec-objects/o/ranges.bin?alt=media`, {
			headers: { Range: 'bytes=20000-' },
		});
		expect(response.status).toBe(416);
	});

	it('lists with prefix, delimiter and pages (items and prefixes count toward maxResults)', async () => {
		for (const name of [
			'list/a.txt',
			'list/b/1.txt',
			'list/b/2.txt',
			'list/c.txt',
			'list/d/1.txt',
		]) {
			await upload('spec-objects', name, Buffer.from(name), { resumable: false });
		}
		const [files, next, response] = await storage
			.bucket('spec-objects')
			.getFiles({ prefix: 'list/', delimiter: '/', autoPaginate: false, maxResults: 3 });
		expect(files.map((f) => f.name)).toEqual(['list/a.txt', 'list/c.txt']);
		expect((response as { prefixes: string[] }).prefixes).toEqual(['list/b/']);
		const [rest, , restResponse] = await storage
			.bucket('spec-objects')
			.getFiles({ ...next!, autoPaginate: false });
		expect(rest.map((f) => f.name)).toEqual([]);
		expect((restResponse as { prefixes: string[] }).prefixes).toEqual(['list/d/']);
		const [all] = await storage.bucket('spec-objects').getFiles({ prefix: 'list/b/' });
		expect(all.map((f) => f.name)).toEqual(['list/b/1.txt', 'list/b/2.txt']);
	});

	it('patches metadata (null removes a key), copies across buckets, deletes', async () => {
		const file = await upload('spec-objects', 'meta.txt', Buffer.from('hello'), {
			resumable: false,
			metadata: { metadata: { a: '1', b: '2' } },
		});
		const [patched] = await file.setMetadata({
			contentType: 'text/x-hello',
			metadata: { a: null, c: '3' },
		});
		expect(patched).toMatchObject({
			contentType: 'text/x-hello',
			metadata: { b: '2', c: '3' },
			metageneration: '2',
		});
		const [, rewrite] = await file.copy(
			storage.bucket('spec-objects-copy').file('copied/meta.txt'),
		);
		expect((rewrite as { done: boolean }).done).toBe(true);
		expect((rewrite as { resource: unknown }).resource).toMatchObject({
			bucket: 'spec-objects-copy',
			name: 'copied/meta.txt',
			contentType: 'text/x-hello',
			metadata: { b: '2', c: '3' },
		});
		expectSame(await read('spec-objects-copy', 'copied/meta.txt'), Buffer.from('hello'));
		await file.delete();
		expect(await status(file.getMetadata())).toBe(404);
		expect(await status(file.delete())).toBe(404);
		expect(
			await status(
				storage
					.bucket('spec-objects')
					.file('nothing')
					.copy(storage.bucket('spec-objects').file('x')),
			),
		).toBe(404);
	});

	it('composes objects as the SDK asks (bucket.combine): bytes in order, a CRC32C the SDK checks, no MD5, limits', async () => {
		const parts = [randomBytes(300_000), randomBytes(5), randomBytes(1_000_001)];
		const files = [];
		for (const [index, data] of parts.entries())
			files.push(await upload('spec-objects', `parts/${index}`, data, { resumable: false }));
		const bucket = storage.bucket('spec-objects');
		const [combined] = await bucket.combine(files, bucket.file('composed.bin'), {
			ifGenerationMatch: 0,
		});
		const [metadata] = await combined.getMetadata();
		expect(metadata.componentCount).toBe(3);
		expect(metadata.md5Hash).toBeUndefined();
		expect(metadata.size).toBe(String(300_000 + 5 + 1_000_001));
		expectSame(await read('spec-objects', 'composed.bin'), Buffer.concat(parts)); // CRC32C checked
		// a composite composed again counts its components
		const [twice] = await bucket.combine([combined, files[1]], bucket.file('twice.bin'));
		expect((await twice.getMetadata())[0].componentCount).toBe(4);
		// the destination precondition, a source's generation precondition, 33 sources
		expect(
			await status(bucket.combine(files, bucket.file('composed.bin'), { ifGenerationMatch: 0 })),
		).toBe(412);
		const stale = bucket.file('parts/0', { generation: Number(files[0].metadata.generation) + 99 });
		expect(await status(bucket.combine([stale, files[1]], bucket.file('stale.bin')))).toBe(404);
		expect(
			await status(bucket.combine(Array<File>(33).fill(files[1]), bucket.file('too-many.bin'))),
		).toBe(400);
	});

	it('honours ifGenerationMatch on uploads (412 when it does not hold)', async () => {
		const first = await upload('spec-objects', 'guarded.txt', Buffer.from('one'), {
			resumable: false,
			preconditionOpts: { ifGenerationMatch: 0 },
		});
		const generation = Number(first.metadata.generation);
		expect(
			await status(
				upload('spec-objects', 'guarded.txt', Buffer.from('two'), {
					resumable: false,
					preconditionOpts: { ifGenerationMatch: 0 },
				}),
			),
		).toBe(412);
		expect(
			await status(
				upload('spec-objects', 'guarded.txt', Buffer.from('two'), {
					resumable: true,
					preconditionOpts: { ifGenerationMatch: generation + 1 },
				}),
			),
		).toBe(412);
		await upload('spec-objects', 'guarded.txt', Buffer.from('three'), {
			resumable: true,
			preconditionOpts: { ifGenerationMatch: generation },
		});
		expectSame(await read('spec-objects', 'guarded.txt'), Buffer.from('three'));
	});

	it('answers an injected 503 that the SDK retries', async () => {
		await upload('spec-objects', 'retry.txt', Buffer.from('retry'), { resumable: false });
		fake.failNext(2, 503, { method: 'GET', path: /retry\.txt/ });
		const before = fake.requests.length;
		const [metadata] = await storage.bucket('spec-objects').file('retry.txt').getMetadata();
		expect(metadata.size).toBe('5');
		expect(fake.requests.slice(before).map((r) => r.status)).toEqual([503, 503, 200]);
	});
});
