/**
 * The shared S3 code (nodes/shared/storage/drivers/s3) against OpenStack Swift's s3api,
 * which checks SigV4 signatures and refuses what many S3-compatible stores refuse.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import {
	CopyObjectCommand,
	DeleteObjectsCommand,
	PutObjectCommand,
	S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

import { deleteBatch } from '../../nodes/shared/storage/drivers/s3/delete';
import {
	S3Service,
	S3StorageDriver,
	assertNewBucketName,
	readS3Config,
} from '../../nodes/shared/storage/drivers/s3';
import { StorageError } from '../../nodes/shared/storage/errors';
import { STORAGE_BACKENDS } from '../../nodes/shared/storage/backends';
import { testS3Credential } from '../../nodes/S3/methods/testS3Credential';
import {
	bytes,
	failingStream,
	md5,
	readAll,
	removeBuckets,
	sha256,
	startProxy,
	swiftCredential,
	swiftServer,
	swiftService,
	uniqueBucket,
} from './s3Support';

jest.setTimeout(120_000);

const MIB = 1024 * 1024;
let s3: S3Service;
const buckets: string[] = [];

function newBucket(label: string): string {
	const name = uniqueBucket(label);
	buckets.push(name);
	return name;
}

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
	const error = await promise.then(
		() => undefined,
		(e) => e,
	);
	expect(error).toBeInstanceOf(StorageError);
	return error as StorageError;
}

/** The SDK with its defaults, against Swift: what the pack's configuration is compared with. */
function plainClient(): S3Client {
	const server = swiftServer();
	return new S3Client({
		region: server.region,
		endpoint: server.s3Endpoint,
		forcePathStyle: true,
		credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
	});
}

/** Counts the commands a service sends, by name. */
function countRequests(service: S3Service): Record<string, number> {
	const counts: Record<string, number> = {};
	service.client.middlewareStack.add(
		(next, context) => async (args) => {
			const name = context.commandName ?? 'unknown';
			counts[name] = (counts[name] ?? 0) + 1;
			return await next(args);
		},
		{ step: 'initialize' },
	);
	return counts;
}

async function keysOf(bucket: string): Promise<string[]> {
	const keys: string[] = [];
	for await (const entry of s3.listObjects(bucket))
		if (entry.type === 'object') keys.push(entry.key);
	return keys;
}

beforeAll(async () => {
	s3 = await swiftService();
});

afterAll(async () => {
	await removeBuckets(s3, buckets);
	s3.destroy();
});

describe('credential', () => {
	it('signs real requests: the right secret lists buckets, a wrong one is refused with a clear error and no secret', async () => {
		await expect(s3.listBuckets()).resolves.toEqual(expect.any(Array));
		const wrong = await swiftService({ secretAccessKey: 'not-the-secret-4711' });
		const error = await storageError(wrong.listBuckets());
		wrong.destroy();
		expect(error.code).toBe('Auth');
		expect(error.message).toMatch(
			/S3 refused the credential \(SignatureDoesNotMatch\).*check the secret access key/,
		);
		expect(error.message).not.toContain('not-the-secret-4711');
	});

	it('refuses an unknown access key ID', async () => {
		const wrong = await swiftService({ accessKeyId: 'nobody:nothing' });
		const error = await storageError(wrong.listBuckets());
		wrong.destroy();
		expect(error.code).toBe('Auth');
		expect(error.message).toMatch(/S3 refused the credential/);
	});

	it('refuses the AWS default credential chain unless n8n enables it', async () => {
		const saved = { ...process.env };
		delete process.env.N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED;
		try {
			const refused = await swiftService({
				authentication: 'defaultChain',
				accessKeyId: '',
				secretAccessKey: '',
			}).then(
				() => undefined,
				(error: Error) => error,
			);
			expect(refused?.message).toMatch(
				/disabled on this n8n server.*N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true/,
			);
		} finally {
			process.env = saved;
		}
	});

	it('uses the AWS default credential chain of the host (environment) when n8n enables it', async () => {
		const server = swiftServer();
		const saved = { ...process.env };
		process.env.N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED = 'true';
		process.env.AWS_ACCESS_KEY_ID = server.accessKeyId;
		process.env.AWS_SECRET_ACCESS_KEY = server.secretAccessKey;
		delete process.env.AWS_PROFILE;
		delete process.env.AWS_SESSION_TOKEN;
		try {
			const chained = await swiftService({
				authentication: 'defaultChain',
				accessKeyId: '',
				secretAccessKey: '',
			});
			expect(chained.config.credentials).toBeUndefined();
			const bucket = newBucket('chain');
			await chained.createBucket(bucket);
			expect((await chained.listBuckets()).map((b) => b.name)).toContain(bucket);
			chained.destroy();
		} finally {
			process.env = saved;
		}
	});

	it('the credential test method signs a ListBuckets request and reports the outcome', async () => {
		const ok = await testS3Credential.call({} as never, {
			id: '1',
			name: 'x',
			type: 'cloudPackS3Api',
			data: swiftCredential(),
		});
		expect(ok.status).toBe('OK');
		const bad = await testS3Credential.call({} as never, {
			id: '1',
			name: 'x',
			type: 'cloudPackS3Api',
			data: swiftCredential({ secretAccessKey: 'wrong-secret-0815' }),
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/SignatureDoesNotMatch/);
		expect(bad.message).not.toContain('wrong-secret-0815');
		const empty = await testS3Credential.call({} as never, {
			id: '1',
			name: 'x',
			type: 'cloudPackS3Api',
			data: swiftCredential({ secretAccessKey: '' }),
		});
		expect(empty).toEqual({
			status: 'Error',
			message: 'S3 credential: "Secret Access Key" is empty',
		});
	});

	it('reads the Infomaniak preset and checks the endpoint of a custom store', () => {
		expect(
			readS3Config({
				provider: 'infomaniak',
				infomaniakCluster: 'pub2',
				accessKeyId: 'a',
				secretAccessKey: 'b',
			}),
		).toMatchObject({
			endpoint: 'https://s3.pub2.infomaniak.cloud',
			region: 'dc4-a',
			forcePathStyle: true,
			verifyTls: true,
		});
		expect(
			readS3Config({ provider: 'infomaniak', accessKeyId: 'a', secretAccessKey: 'b' }),
		).toMatchObject({
			endpoint: 'https://s3.pub1.infomaniak.cloud',
			region: 'dc3-a',
		});
		expect(() =>
			readS3Config({
				provider: 'custom',
				endpoint: 'ftp://x',
				accessKeyId: 'a',
				secretAccessKey: 'b',
			}),
		).toThrow(/"Endpoint" must start with http/);
		expect(
			readS3Config({
				provider: 'aws',
				region: 'eu-west-3',
				accessKeyId: 'a',
				secretAccessKey: 'b',
				ignoreSslIssues: true,
			}),
		).toMatchObject({
			endpoint: undefined,
			forcePathStyle: false,
			verifyTls: false,
		});
	});

	it('verifies TLS certificates unless the credential turns it off', async () => {
		const proxy = await startProxy(swiftServer().s3Endpoint, { tls: true });
		try {
			const strict = await swiftService({ endpoint: proxy.url });
			const error = await strict.listBuckets().catch((e) => e);
			strict.destroy();
			expect(error.message).toMatch(
				/TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\).*Ignore SSL Issues/,
			);
			const relaxed = await swiftService({ endpoint: proxy.url, ignoreSslIssues: true });
			await expect(relaxed.listBuckets()).resolves.toEqual(expect.any(Array));
			relaxed.destroy();
		} finally {
			await proxy.close();
		}
	});
});

describe('checksums against a non-AWS server', () => {
	it('configures the SDK to send checksums only where required', async () => {
		expect(await s3.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
		expect(await s3.client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
	});

	it('SDK defaults fail on Swift where the pack succeeds: streamed PUT (aws-chunked) and DeleteObjects (no Content-MD5)', async () => {
		const bucket = newBucket('checksums');
		await s3.createBucket(bucket);
		const plain = plainClient();
		try {
			const streamed = plain.send(
				new PutObjectCommand({
					Bucket: bucket,
					Key: 'chunked.bin',
					Body: Readable.from([Buffer.from('abc')]),
					ContentLength: 3,
				}),
			);
			await expect(streamed).rejects.toMatchObject({ name: 'NotImplemented' });
			await s3.uploadData(bucket, 'one.txt', 'one');
			await expect(
				plain.send(
					new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'one.txt' }] } }),
				),
			).rejects.toMatchObject({ name: 'InvalidRequest' });
		} finally {
			plain.destroy();
		}
		await s3.upload(bucket, 'streamed.bin', Readable.from([Buffer.from('abc')]));
		expect(await s3.deleteObjects(bucket, ['one.txt', 'streamed.bin'])).toEqual([
			{ key: 'one.txt', deleted: true },
			{ key: 'streamed.bin', deleted: true },
		]);
		expect(await keysOf(bucket)).toEqual([]);
	});
});

describe('buckets', () => {
	it('creates, lists, checks, reports the region of and deletes a bucket (ensure_bucket, bucket_exists)', async () => {
		const bucket = newBucket('life');
		expect(await s3.bucketExists(bucket)).toEqual({ bucket, exists: false, accessible: false });
		expect(await s3.createBucket(bucket)).toEqual({
			created: true,
			container: { name: bucket, region: 'us-east-1' },
		});
		expect((await storageError(s3.createBucket(bucket))).code).toBe('ContainerAlreadyExists');
		const again = await s3.createBucket(bucket, { ifNotExists: true });
		expect(again).toMatchObject({ created: false, container: { name: bucket } });
		expect((await s3.listBuckets()).map((b) => b.name)).toContain(bucket);
		expect(await s3.bucketExists(bucket)).toEqual({ bucket, exists: true, accessible: true });
		expect(await s3.getBucketRegion(bucket)).toBe('us-east-1');
		await s3.uploadData(bucket, 'keep.txt', 'x');
		const notEmpty = await storageError(s3.deleteBucket(bucket));
		expect(notEmpty.code).toBe('ContainerNotEmpty');
		expect(await s3.deleteBucket(bucket, { force: true })).toEqual({ deletedObjects: 1 });
		expect(await s3.bucketExists(bucket)).toMatchObject({ exists: false });
		expect((await storageError(s3.deleteBucket(bucket))).code).toBe('ContainerNotFound');
	});

	it('refuses a region the server does not serve', async () => {
		const bucket = newBucket('region');
		const error = await s3.createBucket(bucket, { region: 'eu-west-3' }).catch((e) => e);
		expect(error.message).toMatch(/CreateBucket .*InvalidLocationConstraint|location constraint/i);
		expect(await s3.bucketExists(bucket)).toMatchObject({ exists: false });
	});

	it('applies S3 bucket naming rules before anything is sent', () => {
		for (const [name, reason] of [
			['ab', /3 to 63 characters/],
			['a'.repeat(64), /3 to 63 characters/],
			['My-Bucket', /lower case/],
			['my_bucket', /only lower-case letters/],
			['-abc', /begin and end/],
			['abc-', /begin and end/],
			['a..b', /two adjacent periods/],
			['a.-b', /period must not be next to a hyphen/],
			['192.168.1.1', /IP address/],
			['xn--abc', /must not begin with "xn--"/],
			['sthree-data', /must not begin with "sthree-"/],
			['data-s3alias', /must not end with "-s3alias"/],
			['data--ol-s3', /must not end with "--ol-s3"/],
		] as const) {
			expect(() => assertNewBucketName(name, 'Bucket Name')).toThrow(reason);
		}
		expect(() => assertNewBucketName('', 'Bucket Name')).toThrow(
			'The "Bucket Name" must not be empty',
		);
		expect(() => assertNewBucketName('reports.2026-eu', 'Bucket Name')).not.toThrow();
	});
});

describe('objects', () => {
	let bucket: string;
	let other: string;

	beforeAll(async () => {
		bucket = newBucket('objects');
		other = newBucket('objects-other');
		await s3.createBucket(bucket);
		await s3.createBucket(other);
	});

	it('uploads a stream in one PUT with content type, metadata, encryption, storage class and ACL, then reads it back', async () => {
		const data = bytes(300_000, 5);
		const info = await s3.upload(bucket, 'docs/report.bin', Readable.from([data]), {
			contentType: 'application/x-report',
			metadata: { project: 'alpha', 'owner-id': '42' },
			serverSideEncryption: 'AES256',
			storageClass: 'STANDARD',
			acl: 'private',
			cacheControl: 'max-age=60',
			contentDisposition: 'attachment; filename="report.bin"',
		});
		expect(info).toMatchObject({
			container: bucket,
			key: 'docs/report.bin',
			size: data.length,
			md5: md5(data),
			multipart: false,
		});
		const head = await s3.headObject(bucket, 'docs/report.bin');
		expect(head).toMatchObject({
			size: data.length,
			md5: md5(data),
			contentType: 'application/x-report',
			metadata: { project: 'alpha', 'owner-id': '42' },
			cacheControl: 'max-age=60',
			contentDisposition: 'attachment; filename="report.bin"',
			storageClass: 'STANDARD',
		});
		const { stream, info: got } = await s3.download(bucket, 'docs/report.bin');
		expect(sha256(await readAll(stream))).toBe(sha256(data));
		expect(got.size).toBe(data.length);
	});

	it('uploads text and JSON from memory (upload_data)', async () => {
		await s3.uploadData(bucket, 'data/hello.txt', 'héllo wörld', {
			contentType: 'text/plain; charset=utf-8',
		});
		const { stream, info } = await s3.download(bucket, 'data/hello.txt');
		expect((await readAll(stream)).toString('utf8')).toBe('héllo wörld');
		expect(info.contentType).toBe('text/plain; charset=utf-8');
	});

	it('uploads multipart above the part size with bounded concurrency, and downloads the same bytes', async () => {
		const data = bytes(17 * MIB + 123, 9);
		const info = await s3.upload(bucket, 'big/multi.bin', Readable.from(chunks(data, 64 * 1024)), {
			partSize: 5 * MIB,
			concurrency: 2,
			contentType: 'application/octet-stream',
			metadata: { kind: 'multipart' },
			expectedMd5: md5(data),
		});
		expect(info).toMatchObject({ size: data.length, multipart: true, md5: md5(data) });
		expect(info.etag).toMatch(/-4$/);
		const head = await s3.headObject(bucket, 'big/multi.bin');
		expect(head).toMatchObject({ size: data.length, metadata: { kind: 'multipart' } });
		const { stream } = await s3.download(bucket, 'big/multi.bin');
		expect(sha256(await readAll(stream))).toBe(sha256(data));
		expect(await s3.listMultipartUploads(bucket)).toEqual([]);
	});

	it.each([
		['into the pool of part buffers', 2],
		['streamed from the file (a pool of 9 × 5 MiB would exceed its budget)', 8],
	])(
		'uploads a file body (n8n filesystem store) read by position, %s: multipart, the same bytes, nothing left incomplete',
		async (_how, concurrency) => {
			const data = bytes(11 * MIB + 7, 12);
			const dir = mkdtempSync(path.join(tmpdir(), 'cloud-pack-s3-file-'));
			const file = path.join(dir, 'body.bin');
			writeFileSync(file, data);
			try {
				const info = await s3.upload(
					bucket,
					'file/body.bin',
					{ path: file, size: data.length },
					{ partSize: 5 * MIB, concurrency, expectedMd5: md5(data) },
				);
				expect(info).toMatchObject({ size: data.length, multipart: true, md5: md5(data) });
				expect(info.etag).toMatch(/-3$/);
				const { stream } = await s3.download(bucket, 'file/body.bin');
				expect(sha256(await readAll(stream))).toBe(sha256(data));
				const wrong = await storageError(
					s3.upload(
						bucket,
						'file/wrong.bin',
						{ path: file, size: data.length },
						{ partSize: 5 * MIB, concurrency, expectedMd5: '0'.repeat(32) },
					),
				);
				expect(wrong.code).toBe('HashMismatch');
				expect((await storageError(s3.headObject(bucket, 'file/wrong.bin'))).code).toBe(
					'ObjectNotFound',
				);
				expect(await s3.listMultipartUploads(bucket)).toEqual([]);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	);

	it('downloads byte ranges', async () => {
		await s3.uploadData(bucket, 'range.txt', '0123456789');
		const middle = await s3.download(bucket, 'range.txt', { start: 2, end: 5 });
		expect((await readAll(middle.stream)).toString()).toBe('2345');
		expect(middle.info).toMatchObject({ size: 4, range: 'bytes 2-5/10', objectSize: 10 });
		const tail = await s3.download(bucket, 'range.txt', { start: 7 });
		expect((await readAll(tail.stream)).toString()).toBe('789');
		const outside = await storageError(s3.download(bucket, 'range.txt', { start: 50 }));
		expect(outside.message).toMatch(/byte range is outside "range.txt"/);
	});

	it('reports a missing object and a missing bucket as typed errors', async () => {
		expect((await storageError(s3.headObject(bucket, 'nope.txt'))).code).toBe('ObjectNotFound');
		expect((await storageError(s3.download(bucket, 'nope.txt'))).message).toBe(
			`Object "nope.txt" does not exist in container "${bucket}"`,
		);
		expect((await storageError(s3.listObjectsPage('no-such-bucket-4711'))).code).toBe(
			'ContainerNotFound',
		);
	});

	it('lists with prefix, delimiter, start-after and over every page with a limit', async () => {
		const listing = newBucket('listing');
		await s3.createBucket(listing);
		const keys = Array.from(
			{ length: 23 },
			(_, i) => `logs/2026/${String(i).padStart(2, '0')}.log`,
		);
		await Promise.all(
			[...keys, 'logs/2025/old.log', 'readme.md'].map((key) => s3.uploadData(listing, key, key)),
		);
		const firstPage = await s3.listObjectsPage(listing, { prefix: 'logs/2026/', maxKeys: 10 });
		expect(firstPage.objects.map((o) => o.key)).toEqual(keys.slice(0, 10));
		expect(firstPage.nextContinuationToken).toBeTruthy();
		const second = await s3.listObjectsPage(listing, {
			prefix: 'logs/2026/',
			maxKeys: 10,
			continuationToken: firstPage.nextContinuationToken,
		});
		expect(second.objects.map((o) => o.key)).toEqual(keys.slice(10, 20));

		const all: string[] = [];
		for await (const entry of s3.listObjects(listing, { prefix: 'logs/2026/' }))
			if (entry.type === 'object') all.push(entry.key);
		expect(all).toEqual(keys);

		const limited: string[] = [];
		for await (const entry of s3.listObjects(listing, {}, 7))
			limited.push(entry.type === 'object' ? entry.key : entry.prefix);
		expect(limited).toHaveLength(7);

		const folders: Array<{ type: string; key?: string; prefix?: string }> = [];
		for await (const entry of s3.listObjects(listing, { delimiter: '/' })) folders.push(entry);
		expect(folders.map((e) => (e.type === 'prefix' ? `prefix:${e.prefix}` : e.key))).toEqual([
			'prefix:logs/',
			'readme.md',
		]);

		const after: string[] = [];
		for await (const entry of s3.listObjects(listing, {
			prefix: 'logs/2026/',
			startAfter: 'logs/2026/20.log',
		}))
			if (entry.type === 'object') after.push(entry.key);
		expect(after).toEqual(['logs/2026/21.log', 'logs/2026/22.log']);
	});

	it('copies server-side within and across buckets, keeping or replacing metadata', async () => {
		await s3.uploadData(bucket, 'copy/src.txt', 'copy me', {
			contentType: 'text/x-src',
			metadata: { origin: 'src' },
		});
		const same = await s3.copy({ bucket, key: 'copy/src.txt' }, { bucket, key: 'copy/dst.txt' });
		expect(same).toMatchObject({
			container: bucket,
			key: 'copy/dst.txt',
			size: 7,
			metadata: { origin: 'src' },
		});
		const across = await s3.copy(
			{ bucket, key: 'copy/src.txt' },
			{ bucket: other, key: 'from-other.txt' },
			{ replaceMetadata: true, contentType: 'text/x-new', metadata: { origin: 'replaced' } },
		);
		expect(across).toMatchObject({
			container: other,
			contentType: 'text/x-new',
			metadata: { origin: 'replaced' },
		});
		const head = await s3.headObject(other, 'from-other.txt');
		expect(head).toMatchObject({
			contentType: 'text/x-new',
			metadata: { origin: 'replaced' },
			size: 7,
		});
		expect((await readAll((await s3.download(other, 'from-other.txt')).stream)).toString()).toBe(
			'copy me',
		);
		expect(
			(await storageError(s3.copy({ bucket, key: 'copy/none' }, { bucket, key: 'x' }))).code,
		).toBe('ObjectNotFound');
	});

	it('copies objects above the single-copy limit part by part (UploadPartCopy), carrying the properties over', async () => {
		const data = bytes(12 * MIB + 7, 11);
		await s3.upload(bucket, 'copy/large.bin', Readable.from([data]), {
			partSize: 5 * MIB,
			contentType: 'application/x-large',
			metadata: { size: 'large' },
		});
		// The 5 GiB threshold lowered to 10 MiB: the same code path an object over 5 GiB takes.
		const copied = await s3.copy(
			{ bucket, key: 'copy/large.bin' },
			{ bucket: other, key: 'large-copy.bin' },
			{ multipartThreshold: 10 * MIB, partSize: 5 * MIB },
		);
		expect(copied).toMatchObject({ multipart: true, parts: 3, size: data.length });
		const head = await s3.headObject(other, 'large-copy.bin');
		expect(head).toMatchObject({
			size: data.length,
			contentType: 'application/x-large',
			metadata: { size: 'large' },
		});
		expect(sha256(await readAll((await s3.download(other, 'large-copy.bin')).stream))).toBe(
			sha256(data),
		);
		expect(await s3.listMultipartUploads(other)).toEqual([]);
	});

	it('copies an object onto itself, keeping its metadata and content type (S3 refuses a plain self-copy)', async () => {
		await s3.uploadData(bucket, 'self/a.txt', 'itself', {
			contentType: 'text/x-self',
			metadata: { origin: 'self' },
			cacheControl: 'max-age=60',
		});
		const plain = plainClient();
		try {
			await expect(
				plain.send(
					new CopyObjectCommand({
						Bucket: bucket,
						Key: 'self/a.txt',
						CopySource: `${bucket}/self/a.txt`,
					}),
				),
			).rejects.toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
		} finally {
			plain.destroy();
		}
		const copied = await s3.copy(
			{ bucket, key: 'self/a.txt' },
			{ bucket, key: 'self/a.txt' },
			{ storageClass: 'STANDARD' },
		);
		expect(copied).toMatchObject({
			container: bucket,
			key: 'self/a.txt',
			contentType: 'text/x-self',
			metadata: { origin: 'self' },
		});
		expect(await s3.headObject(bucket, 'self/a.txt')).toMatchObject({
			size: 6,
			contentType: 'text/x-self',
			metadata: { origin: 'self' },
			cacheControl: 'max-age=60',
		});
		// Part by part (the path of objects over 5 GiB), onto itself too.
		const data = bytes(6 * MIB, 21);
		await s3.upload(bucket, 'self/large.bin', Readable.from([data]), {
			partSize: 5 * MIB,
			contentType: 'application/x-large',
			metadata: { size: 'large' },
		});
		expect(
			await s3.copy(
				{ bucket, key: 'self/large.bin' },
				{ bucket, key: 'self/large.bin' },
				{ multipartThreshold: 5 * MIB, partSize: 5 * MIB },
			),
		).toMatchObject({ multipart: true, parts: 2, metadata: { size: 'large' } });
		expect(await s3.headObject(bucket, 'self/large.bin')).toMatchObject({
			size: data.length,
			contentType: 'application/x-large',
			metadata: { size: 'large' },
		});
		expect(sha256(await readAll((await s3.download(bucket, 'self/large.bin')).stream))).toBe(
			sha256(data),
		);
		// Replacing the metadata of an object in place, as before.
		expect(
			await s3.copy(
				{ bucket, key: 'self/a.txt' },
				{ bucket, key: 'self/a.txt' },
				{ replaceMetadata: true, contentType: 'text/x-new', metadata: { origin: 'new' } },
			),
		).toMatchObject({ contentType: 'text/x-new', metadata: { origin: 'new' } });
	});

	it('checks user metadata in the driver, whichever node it comes from: a clear error, nothing written, the input released', async () => {
		const message =
			'Invalid "Metadata": the value of "city" must be printable ASCII (S3 sends metadata as HTTP headers)';
		const body = Readable.from([Buffer.from('never stored')]);
		const refused = await storageError(
			s3.upload(bucket, 'meta/zurich.txt', body, { metadata: { city: 'Zürich' } }),
		);
		expect(refused).toMatchObject({ code: 'InvalidName', parameter: 'metadata', message });
		expect(body.destroyed).toBe(true);
		const driverBody = Readable.from([Buffer.from('never stored')]);
		const viaDriver = await storageError(
			new S3StorageDriver(s3).upload(bucket, 'meta/zurich.txt', driverBody, {
				metadata: { city: 'Zürich' },
			}),
		);
		expect(viaDriver).toMatchObject({ parameter: 'metadata', message });
		expect(driverBody.destroyed).toBe(true);
		expect(
			(
				await storageError(
					s3.uploadData(bucket, 'meta/bad-name.txt', 'x', { metadata: { 'a b': '1' } }),
				)
			).message,
		).toMatch(/^Invalid "Metadata": the name "a b" may hold only letters/);
		await s3.uploadData(bucket, 'meta/src.txt', 'source');
		expect(
			await storageError(
				s3.copy(
					{ bucket, key: 'meta/src.txt' },
					{ bucket, key: 'meta/copy.txt' },
					{ replaceMetadata: true, metadata: { city: 'Zürich' } },
				),
			),
		).toMatchObject({ parameter: 'metadata', message });
		expect(
			(await keysOf(bucket)).filter((key) => /^meta\/(zurich|bad-name|copy)/.test(key)),
		).toEqual([]);
		// Names are stored lower-cased by S3: the result says so too.
		expect(
			await s3.uploadData(bucket, 'meta/case.txt', 'x', { metadata: { Project: 'alpha' } }),
		).toMatchObject({ metadata: { project: 'alpha' } });
	});

	it('deletes one object, and reports one that is not there as missing (S3 itself would not say)', async () => {
		const one = newBucket('one');
		await s3.createBucket(one);
		await s3.uploadData(one, 'k/0', 'k/0');
		await s3.deleteObject(one, 'k/0');
		expect(await keysOf(one)).toEqual([]);
		const again = await storageError(s3.deleteObject(one, 'k/0'));
		expect(again.code).toBe('ObjectNotFound');
		expect(again.message).toBe(`Object "k/0" does not exist in container "${one}"`);
		const noBucket = await storageError(s3.deleteObject(`${one}-gone`, 'k/0'));
		expect(noBucket.code).toBe('ContainerNotFound');
	});

	it('sends DeleteObjects in batches of 1,000, with a result for every key', async () => {
		const many = newBucket('many');
		await s3.createBucket(many);
		const stored = Array.from({ length: 30 }, (_, i) => `k/${i}`);
		await Promise.all(stored.map((key) => s3.uploadData(many, key, key)));
		// 1,030 keys (the 30 stored ones among them), as sent for keys known to exist: two requests.
		const counted = await swiftService();
		const requests = countRequests(counted);
		const keys = [...stored, ...Array.from({ length: 1000 }, (_, i) => `absent/${i}`)];
		const results = await deleteBatch(counted, many, keys);
		counted.destroy();
		expect(requests.DeleteObjectsCommand).toBe(2);
		expect(results.map((r) => r.key)).toEqual(keys);
		expect(results.every((r) => r.deleted)).toBe(true);
		expect(await keysOf(many)).toEqual([]);
	});

	it('Delete Many reports deleted only what existed: the range listed once, HEAD only for keys the listing did not show, nothing sent for missing keys', async () => {
		const many = newBucket('truthful');
		await s3.createBucket(many);
		const stored = Array.from({ length: 30 }, (_, i) => `dir/${String(i).padStart(2, '0')}`);
		await Promise.all([...stored, 'other/kept'].map((key) => s3.uploadData(many, key, key)));
		const counted = await swiftService();
		const requests = countRequests(counted);
		const sent: string[] = [];
		counted.client.middlewareStack.add(
			(next, context) => async (args) => {
				if (context.commandName === 'DeleteObjectsCommand')
					sent.push(
						...(args.input as { Delete: { Objects: Array<{ Key: string }> } }).Delete.Objects.map(
							(o) => o.Key,
						),
					);
				return await next(args);
			},
			{ step: 'initialize' },
		);
		const keys = ['dir/05', 'dir/never', ...stored.filter((key) => key !== 'dir/05'), 'dir/05'];
		const results = await counted.deleteObjects(many, keys);
		counted.destroy();
		expect(results.map((r) => r.key)).toEqual(keys);
		expect(results[1]).toEqual({
			key: 'dir/never',
			deleted: false,
			error: `Object "dir/never" does not exist in container "${many}"`,
		});
		expect(results.filter((r) => r.deleted)).toHaveLength(keys.length - 1);
		expect(requests).toEqual({
			ListObjectsV2Command: 1,
			HeadObjectCommand: 1,
			HeadBucketCommand: 1,
			DeleteObjectsCommand: 1,
		});
		expect(sent.sort()).toEqual([...stored].sort());
		expect(await keysOf(many)).toEqual(['other/kept']);

		// Nothing left: every key is missing, none is sent.
		const again = await s3.deleteObjects(many, ['dir/00', 'dir/01']);
		expect(again.map((r) => r.deleted)).toEqual([false, false]);
		expect((await storageError(s3.deleteObjects(`${many}-gone`, ['a']))).code).toBe(
			'ContainerNotFound',
		);
	});

	it('Delete Many checks every key by HEAD when the credential may not list the bucket', async () => {
		const bucket = newBucket('nolist');
		await s3.createBucket(bucket);
		await s3.uploadData(bucket, 'a.txt', 'a');
		const refused = await swiftService();
		const requests = countRequests(refused);
		refused.client.middlewareStack.add(
			(next, context) => async (args) => {
				if (context.commandName === 'ListObjectsV2Command')
					throw Object.assign(new Error('Access Denied'), {
						name: 'AccessDenied',
						$metadata: { httpStatusCode: 403 },
					});
				return await next(args);
			},
			{ step: 'initialize', priority: 'low' },
		);
		const results = await refused.deleteObjects(bucket, ['a.txt', 'b.txt']);
		refused.destroy();
		expect(results).toEqual([
			{ key: 'a.txt', deleted: true },
			{
				key: 'b.txt',
				deleted: false,
				error: `Object "b.txt" does not exist in container "${bucket}"`,
			},
		]);
		expect(requests.HeadObjectCommand).toBe(2);
		expect(await keysOf(bucket)).toEqual([]);
	});

	it('presigns GET and PUT URLs that work with plain HTTP, and refuses a tampered one', async () => {
		await s3.uploadData(bucket, 'share/a file.txt', 'shared bytes');
		const get = await s3.presign(bucket, 'share/a file.txt', { method: 'GET', expiresIn: 300 });
		expect(get).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
		expect(get).not.toContain(swiftServer().secretAccessKey + '&');
		const response = await fetch(get);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('shared bytes');
		const tampered = get.replace(
			/X-Amz-Signature=([0-9a-f])/,
			(_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
		);
		expect((await fetch(tampered)).status).toBe(403);

		const put = await s3.presign(bucket, 'share/uploaded.bin', {
			method: 'PUT',
			expiresIn: 60,
			contentType: 'application/x-up',
		});
		const payload = bytes(70_000, 2);
		const upload = await fetch(put, {
			method: 'PUT',
			body: payload,
			headers: { 'content-type': 'application/x-up' },
		});
		expect(upload.status).toBe(200);
		const head = await s3.headObject(bucket, 'share/uploaded.bin');
		expect(head).toMatchObject({
			size: payload.length,
			md5: md5(payload),
			contentType: 'application/x-up',
		});
		const wrongType = await fetch(put, {
			method: 'PUT',
			body: payload,
			headers: { 'content-type': 'text/plain' },
		});
		expect(wrongType.status).toBe(403);
	});

	it('validates presigned URL expiry: 1 second to 7 days', async () => {
		for (const expiresIn of [0, -5, 604_801, 1.5]) {
			const error = await storageError(s3.presign(bucket, 'x', { method: 'GET', expiresIn }));
			expect(error.message).toMatch(
				/^Invalid "(expiresIn|Expires In \(Seconds\))": (.* is outside 1 second to 7 days \(604800 s\)|"1.5" is not a whole number of seconds)$/,
			);
		}
		await expect(s3.presign(bucket, 'x', { method: 'GET', expiresIn: 1 })).resolves.toMatch(
			/X-Amz-Expires=1&/,
		);
		await expect(s3.presign(bucket, 'x', { method: 'GET', expiresIn: 604_800 })).resolves.toMatch(
			/X-Amz-Expires=604800&/,
		);
	});

	it('gets tags, and reports clearly that this server cannot set them (nothing is written)', async () => {
		await s3.uploadData(bucket, 'tags.txt', 't');
		expect(await s3.getTags(bucket, 'tags.txt')).toEqual({});
		const error = await storageError(s3.setTags(bucket, 'tags.txt', { team: 'data' }));
		expect(error.code).toBe('NotSupported');
		expect(error.message).toBe(
			'This S3 server does not support PutObjectTagging: The requested resource is not implemented',
		);
		const onUpload = await storageError(
			s3.uploadData(bucket, 'tagged.txt', 't', { tags: { team: 'data' } }),
		);
		expect(onUpload.message).toMatch(/does not support PutObject: Object tagging is not supported/);
		expect((await storageError(s3.headObject(bucket, 'tagged.txt'))).code).toBe('ObjectNotFound');
	});

	it('reports a storage class the server does not offer, writing nothing', async () => {
		const error = await s3
			.uploadData(bucket, 'cold.txt', 'c', { storageClass: 'GLACIER' })
			.catch((e) => e);
		expect(error.message).toMatch(/InvalidStorageClass/);
		expect((await storageError(s3.headObject(bucket, 'cold.txt'))).code).toBe('ObjectNotFound');
	});
});

describe('failed uploads leave nothing behind', () => {
	let bucket: string;

	beforeAll(async () => {
		bucket = newBucket('failing');
		await s3.createBucket(bucket);
	});

	afterEach(async () => {
		expect(await s3.listMultipartUploads(bucket)).toEqual([]);
		expect(await keysOf(bucket)).toEqual([]);
	});

	it('an input stream that breaks half-way through a multipart upload', async () => {
		const error = await s3
			.upload(bucket, 'broken.bin', failingStream(17 * MIB), { partSize: 5 * MIB, concurrency: 2 })
			.catch((e) => e);
		expect(error.message).toMatch(/the input broke half-way/);
	});

	it('a part the server refuses half-way', async () => {
		const proxy = await startProxy(swiftServer().s3Endpoint, { failPartNumber: 3 });
		const viaProxy = await swiftService({ endpoint: proxy.url });
		try {
			const error = await viaProxy
				.upload(bucket, 'refused.bin', Readable.from(chunks(bytes(26 * MIB, 4), 256 * 1024)), {
					partSize: 5 * MIB,
					concurrency: 2,
				})
				.catch((e) => e);
			expect(error.message).toMatch(/InvalidPart: Refused by the test proxy/);
			expect(proxy.failedParts).toBe(1);
		} finally {
			viaProxy.destroy();
			await proxy.close();
		}
	});

	it('content whose MD5 does not match the expected one (multipart and single PUT)', async () => {
		const data = bytes(12 * MIB, 6);
		const multi = await storageError(
			s3.upload(bucket, 'md5-multi.bin', Readable.from([data]), {
				partSize: 5 * MIB,
				expectedMd5: '0'.repeat(32),
			}),
		);
		expect(multi.code).toBe('HashMismatch');
		const single = await storageError(
			s3
				.uploadData(bucket, 'md5-single.txt', 'abc')
				.then(() => s3.deleteObject(bucket, 'md5-single.txt'))
				.then(() =>
					s3.upload(bucket, 'md5-single.txt', Readable.from([Buffer.from('abc')]), {
						expectedMd5: 'f'.repeat(32),
					}),
				),
		);
		expect(single.message).toBe(
			`Object "md5-single.txt": expected MD5 ${'f'.repeat(32)}, got ${md5(Buffer.from('abc'))}`,
		);
	});

	it('lib-storage, the baseline the benchmark compares the pack with, works against this server too', async () => {
		// The pack uploads parts from its own buffer pool (storage/parts.ts); the benchmark times plain lib-storage.
		const upload = new Upload({
			client: s3.client,
			params: { Bucket: bucket, Key: 'baseline.bin', Body: Readable.from([bytes(6 * MIB, 8)]) },
			partSize: 5 * MIB,
		});
		await upload.done();
		await s3.deleteObject(bucket, 'baseline.bin');
	});
});

describe('the Cloud Storage driver', () => {
	it('is the registered "s3" backend, built from the same credential', async () => {
		const backend = STORAGE_BACKENDS.find((entry) => entry.value === 's3')!;
		expect(backend.credentialType).toBe('cloudPackS3Api');
		const driver = await backend.createDriver(swiftCredential(), {});
		expect(driver).toBeInstanceOf(S3StorageDriver);
		expect(driver.backendName).toBe('S3');
		(driver as S3StorageDriver).service.destroy();
	});

	it('implements the storage interface over S3Service', async () => {
		const driver = new S3StorageDriver(s3);
		const name = newBucket('driver');
		expect(await driver.createContainer(name)).toMatchObject({ created: true });
		expect(await driver.createContainer(name, { ifNotExists: true })).toMatchObject({
			created: false,
		});
		await expect(driver.createContainer('Bad_Name')).rejects.toThrow(/S3 bucket naming rules/);
		expect(await driver.getContainer(name)).toMatchObject({ name });
		const data = bytes(40_000, 12);
		const uploaded = await driver.upload(name, 'a/b.bin', Readable.from([data]), {
			contentType: 'application/x-b',
			metadata: { m: '1' },
			size: data.length,
			expectedMd5: md5(data),
		});
		expect(uploaded).toMatchObject({
			container: name,
			key: 'a/b.bin',
			size: data.length,
			md5: md5(data),
		});
		expect(await driver.headObject(name, 'a/b.bin')).toMatchObject({
			contentType: 'application/x-b',
			metadata: { m: '1' },
		});
		const page = await driver.listObjects(name, { delimiter: '/' });
		expect(page).toEqual({
			objects: [],
			prefixes: [{ container: name, prefix: 'a/' }],
			nextPageToken: undefined,
		});
		const ranged = await driver.download(name, 'a/b.bin', { start: 10, end: 19 });
		expect(await readAll(ranged.stream)).toEqual(data.subarray(10, 20));
		expect(
			await driver.copy({ container: name, key: 'a/b.bin' }, { container: name, key: 'c.bin' }),
		).toMatchObject({ key: 'c.bin', size: data.length });
		const url = await driver.getUrl(name, 'c.bin', { method: 'GET', expiresIn: 60 });
		expect(md5(Buffer.from(await (await fetch(url)).arrayBuffer()))).toBe(md5(data));
		await expect(driver.deleteObject(name, 'missing.bin')).rejects.toMatchObject({
			code: 'ObjectNotFound',
		});
		await driver.deleteObject(name, 'c.bin');
		expect(await driver.deleteObjects(name, ['a/b.bin', 'c.bin'])).toEqual([
			{ key: 'a/b.bin', deleted: true },
			{
				key: 'c.bin',
				deleted: false,
				error: `Object "c.bin" does not exist in container "${name}"`,
			},
		]);
		await expect(driver.deleteContainer(name)).resolves.toBeUndefined();
		await expect(driver.getContainer(name)).rejects.toMatchObject({ code: 'ContainerNotFound' });
	});
});

function* chunks(data: Buffer, size: number): Generator<Buffer> {
	for (let offset = 0; offset < data.length; offset += size)
		yield data.subarray(offset, offset + size);
}
