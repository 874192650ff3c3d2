/**
 * The GCS driver and operations against the firebase-tools Storage emulator
 * (test/servers/gcs/start.sh), reached per client through the credential's custom endpoint.
 * What the emulator cannot do (bucket create/get/delete, chunked resumable uploads) is in
 * gcs-driver-fake.test.ts, against the spec-checked fake.
 */
import '../helpers/gcsJest';
import { createHash, createPublicKey, randomBytes, verify } from 'crypto';
import { Readable } from 'stream';

import {
	createGcsClient,
	parseGcsCredential,
	type GcsClient,
} from '../../nodes/shared/storage/drivers/gcs/client';
import { GcsStorageDriver } from '../../nodes/shared/storage/drivers/gcs/driver';
import * as gcs from '../../nodes/shared/storage/drivers/gcs/operations';
import { StorageError } from '../../nodes/shared/storage/errors';
import { resolveRetryPolicy } from '../../nodes/shared/transport/retryPolicy';
import { searchContainers } from '../../nodes/CloudStorage/methods/searchContainers';
import { searchObjects as searchStorageObjects } from '../../nodes/CloudStorage/methods/searchObjects';
import { searchBuckets } from '../../nodes/GoogleCloudStorage/methods/searchBuckets';
import {
	searchObjects,
	searchSourceObjects,
} from '../../nodes/GoogleCloudStorage/methods/searchObjects';
import { testGcsCredential } from '../../nodes/GoogleCloudStorage/methods/testGcsCredential';
import { gcsCredentialData, gcsEmulator, throwawayServiceAccount } from '../helpers/gcs';
import { brokenAfter } from '../helpers/streams';

jest.setTimeout(60_000);

const emulator = gcsEmulator();
const BUCKET = 'cloud-pack-it';
const OTHER = 'cloud-pack-it-copy';
const RUN = `run-${process.pid}-${Date.now()}/`;
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let client: GcsClient;
let driver: GcsStorageDriver;

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

async function failure(promise: Promise<unknown>): Promise<StorageError | Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

beforeAll(async () => {
	client = await createGcsClient(
		parseGcsCredential(gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId)),
	);
	driver = new GcsStorageDriver(client);
});

describe('GCS driver on the emulator', () => {
	it('lists the pre-created buckets', async () => {
		const names = (await driver.listContainers()).map((bucket) => bucket.name);
		expect(names).toEqual(expect.arrayContaining([BUCKET, OTHER, emulator.bucket]));
		const limited = await gcs.listBuckets(client, { limit: 2 });
		expect(limited).toHaveLength(2);
	});

	it('uploads in one request, then reads metadata, the whole object and a range', async () => {
		const data = randomBytes(200_000);
		const key = `${RUN}simple/data.bin`;
		const info = await driver.upload(BUCKET, key, Readable.from([data]), {
			contentType: 'application/x-test',
			metadata: { owner: 'integration' },
			size: data.length,
		});
		expect(info).toMatchObject({
			container: BUCKET,
			key,
			size: data.length,
			md5: md5(data),
			contentType: 'application/x-test',
		});
		const head = await driver.headObject(BUCKET, key);
		expect(head).toMatchObject({
			size: data.length,
			md5: md5(data),
			metadata: { owner: 'integration' },
		});
		expect(head.generation).toEqual(expect.any(String));

		const whole = await driver.download(BUCKET, key);
		expect(sha256(await collect(whole.stream))).toBe(sha256(data));
		const part = await driver.download(BUCKET, key, { start: 1000, end: 1999 });
		expect(part.info).toMatchObject({ size: 1000, range: `bytes 1000-1999/${data.length}` });
		expect(sha256(await collect(part.stream))).toBe(sha256(data.subarray(1000, 2000)));
		const tail = await driver.download(BUCKET, key, { start: data.length - 10 });
		expect(sha256(await collect(tail.stream))).toBe(sha256(data.subarray(data.length - 10)));
		const outside = await failure(driver.download(BUCKET, key, { start: data.length }));
		expect(outside).toMatchObject({ code: 'InvalidName', parameter: 'rangeStart' });
	});

	it('uploads resumable (one streamed request) above the threshold and when the size is unknown', async () => {
		const resumable = new GcsStorageDriver(client, { resumableThreshold: 64 * 1024 });
		const data = randomBytes(1024 * 1024 + 3);
		const key = `${RUN}resumable/big.bin`;
		const info = await resumable.upload(BUCKET, key, Readable.from([data]), { size: data.length });
		expect(info).toMatchObject({ size: data.length, md5: md5(data) });
		const unknown = await driver.upload(
			BUCKET,
			`${RUN}resumable/unknown.bin`,
			Readable.from([data.subarray(0, 5000)]),
		);
		expect(unknown).toMatchObject({ size: 5000, md5: md5(data.subarray(0, 5000)) });
		expect(sha256(await collect((await driver.download(BUCKET, key)).stream))).toBe(sha256(data));
	});

	it('lists by prefix and delimiter, page by page', async () => {
		const base = `${RUN}list/`;
		for (const name of ['a.txt', 'b.txt', 'c.txt', 'sub/1.txt', 'sub/2.txt']) {
			await driver.upload(BUCKET, base + name, Readable.from([Buffer.from(name)]), {
				size: name.length,
			});
		}
		const first = await driver.listObjects(BUCKET, { prefix: base, delimiter: '/', pageSize: 2 });
		expect(first.objects.map((o) => o.key)).toEqual([`${base}a.txt`, `${base}b.txt`]);
		expect(first.nextPageToken).toBeTruthy();
		const rest = await driver.listObjects(BUCKET, {
			prefix: base,
			delimiter: '/',
			pageToken: first.nextPageToken,
		});
		expect(rest.objects.map((o) => o.key)).toEqual([`${base}c.txt`]);
		const all = await gcs.listObjects(client, BUCKET, { prefix: base, delimiter: '/' });
		expect(all.filter((e) => e.type === 'prefix').map((e) => e.prefix)).toEqual([`${base}sub/`]);
		expect(all.filter((e) => e.type === 'object').map((e) => e.key)).toEqual([
			`${base}a.txt`,
			`${base}b.txt`,
			`${base}c.txt`,
		]);
		const limited = await gcs.listObjects(client, BUCKET, { prefix: base, limit: 4 });
		expect(limited).toHaveLength(4);
	});

	it('copies across buckets with metadata, updates metadata, deletes', async () => {
		const key = `${RUN}copy/source.txt`;
		await driver.upload(BUCKET, key, Readable.from([Buffer.from('copy me')]), {
			contentType: 'text/plain',
			metadata: { a: '1', b: '2' },
			size: 7,
		});
		const copied = await driver.copy(
			{ container: BUCKET, key },
			{ container: OTHER, key: `${RUN}copied.txt` },
		);
		expect(copied).toMatchObject({
			container: OTHER,
			key: `${RUN}copied.txt`,
			size: 7,
			contentType: 'text/plain',
			metadata: { a: '1', b: '2' },
		});
		expect(
			(await collect((await driver.download(OTHER, `${RUN}copied.txt`)).stream)).toString(),
		).toBe('copy me');

		const updated = await gcs.updateObjectMetadata(client, BUCKET, key, {
			contentType: 'text/x-changed',
			metadata: { a: null, c: '3' },
		});
		expect(updated).toMatchObject({ contentType: 'text/x-changed', metadata: { b: '2', c: '3' } });
		expect(updated.metadata).not.toHaveProperty('a');

		await driver.deleteObject(BUCKET, key);
		expect(await failure(driver.headObject(BUCKET, key))).toMatchObject({
			code: 'ObjectNotFound',
			parameter: 'key',
		});
		expect(await failure(driver.deleteObject(BUCKET, key))).toMatchObject({
			code: 'ObjectNotFound',
		});
		expect(
			await failure(driver.copy({ container: BUCKET, key }, { container: OTHER, key: 'x' })),
		).toMatchObject({
			code: 'ObjectNotFound',
			parameter: 'sourceKey',
		});
		const results = await driver.deleteObjects(OTHER, [
			`${RUN}copied.txt`,
			`${RUN}never-there.txt`,
		]);
		expect(results).toEqual([
			{ key: `${RUN}copied.txt`, deleted: true },
			{
				key: `${RUN}never-there.txt`,
				deleted: false,
				error: expect.stringMatching(/does not exist/),
			},
		]);
	});

	it('signs v4 URLs locally that the endpoint serves and the public key verifies', async () => {
		const key = `${RUN}signed/hello world.txt`;
		await driver.upload(BUCKET, key, Readable.from([Buffer.from('signed hello')]), { size: 12 });
		const url = await driver.getUrl(BUCKET, key, { expiresIn: 900, method: 'GET' });
		const parsed = new URL(url);
		expect(parsed.origin).toBe(emulator.emulatorHost);
		expect(parsed.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
		expect(parsed.searchParams.get('X-Goog-Expires')).toBe('900');
		expect(parsed.searchParams.get('X-Goog-Credential')).toMatch(
			new RegExp(
				`^${throwawayServiceAccount(emulator.projectId).clientEmail}/\\d{8}/auto/storage/goog4_request$`,
			),
		);
		expect(verifyV4(url, 'GET')).toBe(true);
		expect(verifyV4(url.replace('X-Goog-Expires=900', 'X-Goog-Expires=901'), 'GET')).toBe(false);
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('signed hello');

		const put = await gcs.signedUrl(client, BUCKET, `${RUN}signed/upload.bin`, {
			expiresIn: 604_800,
			method: 'PUT',
			contentType: 'application/pdf',
		});
		expect(verifyV4(put.url, 'PUT', { 'content-type': 'application/pdf' })).toBe(true);
		expect(verifyV4(put.url, 'GET')).toBe(false);
		expect(Date.parse(put.expiresAt) - Date.now()).toBeGreaterThan(604_790_000);
	});

	it('keeps nothing when the upload fails midway or does not match the expected MD5', async () => {
		const key = `${RUN}failed/broken.bin`;
		// 3 MiB of the declared 10 MiB arrive, then the source fails
		const broken = brokenAfter(
			3 * 1024 * 1024,
			new Error('the source broke off'),
			randomBytes(64 * 1024),
		);
		await expect(driver.upload(BUCKET, key, broken, { size: 10 * 1024 * 1024 })).rejects.toThrow(
			/broke off/,
		);
		expect(await failure(driver.headObject(BUCKET, key))).toMatchObject({ code: 'ObjectNotFound' });

		const data = Buffer.from('these bytes are not what was promised');
		const mismatch = await failure(
			driver.upload(BUCKET, key, Readable.from([data]), {
				size: data.length,
				expectedMd5: md5(Buffer.from('other')),
			}),
		);
		expect(mismatch).toMatchObject({ code: 'HashMismatch' });
		expect(await failure(driver.headObject(BUCKET, key))).toMatchObject({ code: 'ObjectNotFound' });

		const matching = await driver.upload(BUCKET, key, Readable.from([data]), {
			size: data.length,
			expectedMd5: md5(data).toUpperCase(),
		});
		expect(matching.md5).toBe(md5(data));
	});
});

describe('pickers (listSearch)', () => {
	/** Just enough of n8n's ILoadOptionsFunctions for the pickers. */
	const loadOptions = (parameters: Record<string, unknown>) =>
		({
			getCredentials: async () =>
				gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId),
			getNode: () => ({
				id: 'n',
				name: 'GCS',
				type: 'x',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			}),
			getCurrentNodeParameter: (name: string) => parameters[name],
			helpers: {},
		}) as never;

	beforeAll(async () => {
		for (const name of ['pick/one.txt', 'pick/two.txt', 'other.txt']) {
			await driver.upload(BUCKET, `${RUN}${name}`, Readable.from([Buffer.from(name)]), {
				size: name.length,
			});
		}
	});

	it('the GCS node lists buckets filtered by what was typed, and objects by prefix, page by page', async () => {
		const buckets = await searchBuckets.call(loadOptions({}), 'it-co');
		expect(buckets.results.map((r) => r.value)).toEqual([OTHER]);
		const objects = await searchObjects.call(loadOptions({ bucket: BUCKET }), `${RUN}pick/`);
		expect(objects.results.map((r) => r.value)).toEqual([
			`${RUN}pick/one.txt`,
			`${RUN}pick/two.txt`,
		]);
		const source = await searchSourceObjects.call(
			loadOptions({ sourceBucket: BUCKET }),
			`${RUN}oth`,
		);
		expect(source.results).toEqual([{ name: `${RUN}other.txt`, value: `${RUN}other.txt` }]);
		expect((await searchObjects.call(loadOptions({ bucket: '' }))).results).toEqual([]);
	});

	it('the Cloud Storage node on the gcs backend lists containers and objects', async () => {
		const containers = await searchContainers.call(
			loadOptions({ backend: 'gcs' }),
			'cloud-pack-it',
		);
		expect(containers.results.map((r) => r.value).sort()).toEqual([BUCKET, OTHER]);
		const objects = await searchStorageObjects.call(
			loadOptions({ backend: 'gcs', container: BUCKET }),
			`${RUN}pick/t`,
		);
		expect(objects.results.map((r) => r.value)).toEqual([`${RUN}pick/two.txt`]);
	});
});

describe('bad input is refused before any request', () => {
	// A client whose endpoint refuses every connection: a check that ran late would fail with ECONNREFUSED.
	let dead: GcsStorageDriver;
	let deadClient: GcsClient;
	beforeAll(async () => {
		// one attempt: the SDK retries requests that got no answer (connection refused included)
		const policy = resolveRetryPolicy({ maxAttempts: 1 });
		deadClient = await createGcsClient(
			parseGcsCredential(gcsCredentialData('http://127.0.0.1:9', 'emulator', 'dead-project')),
			policy,
		);
		dead = new GcsStorageDriver(deadClient);
	});

	it.each([
		['Bad_Bucket', /use only lowercase letters/],
		['ab', /3 to 63 characters/],
		['-leading', /start and end with a letter or a digit/],
		['192.168.5.4', /IP address/],
		['goog-storage', /must not start with "goog"/],
		['my-g00gle-bucket', /must not contain "google"/],
		['', /must not be empty/],
	])('bucket name %p', async (name, problem) => {
		const error = await failure(dead.listObjects(name, {}));
		expect(error).toMatchObject({ code: 'InvalidName', parameter: 'container' });
		expect(error.message).toMatch(problem);
		expect(error.message).toMatch(/"Container"/);
	});

	it.each([
		['', /must not be empty/],
		['a\nb', /carriage return or a line feed/],
		['..', /must not be "\." or "\.\."/],
		['.well-known/acme-challenge/x', /acme-challenge/],
		['x'.repeat(1025), /longer than 1024 bytes/],
	])('object name %p', async (key, problem) => {
		const body = Readable.from([Buffer.from('never sent')]);
		const error = await failure(dead.upload('good-bucket', key, body));
		expect(error).toMatchObject({ code: 'InvalidName', parameter: 'key' });
		expect(error.message).toMatch(problem);
	});

	it.each([0, -1, 604_801, 1.5, Number.NaN])('signed URL expiry %p', async (expiresIn) => {
		const error = await failure(dead.getUrl('good-bucket', 'a.txt', { expiresIn, method: 'GET' }));
		expect(error).toMatchObject({ code: 'InvalidName', parameter: 'expiresIn' });
		expect(error.message).toMatch(/"Expires In \(Seconds\)".*1 second to 7 days/);
	});

	it('a malformed expected MD5 and a chunk size off the 256 KiB grid', async () => {
		expect(
			await failure(
				dead.upload('good-bucket', 'a', Readable.from([Buffer.from('x')]), { expectedMd5: 'abc' }),
			),
		).toMatchObject({
			parameter: 'expectedMd5',
		});
		expect(
			await failure(
				gcs.uploadObject(deadClient, 'good-bucket', 'a', Readable.from([Buffer.from('x')]), {
					chunkSize: 1000,
				}),
			),
		).toMatchObject({
			parameter: 'chunkSize',
		});
	});

	it('an unreachable endpoint is named, without the key', async () => {
		const error = await failure(dead.headObject('good-bucket', 'a.txt'));
		expect(error.message).toMatch(
			/Cannot reach Google Cloud Storage at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/,
		);
		expect(error.message).not.toMatch(/PRIVATE KEY/);
	});
});

describe('the credential', () => {
	const account = throwawayServiceAccount('cloud-pack-test');
	const keyBody = account.privateKey.split('\n')[5];

	it('takes the project from the key unless one is given', () => {
		expect(parseGcsCredential({ serviceAccountKey: account.json }).projectId).toBe(
			'cloud-pack-test',
		);
		expect(
			parseGcsCredential({ serviceAccountKey: account.json, projectId: ' other-project ' })
				.projectId,
		).toBe('other-project');
	});

	it.each([
		[{ serviceAccountKey: '' }, /empty/],
		[{ serviceAccountKey: `{"private_key": "${keyBody}", oops}` }, /not valid JSON/],
		[
			{
				serviceAccountKey: JSON.stringify({
					type: 'authorized_user',
					client_email: 'x',
					private_key: keyBody,
				}),
			},
			/service-account key/,
		],
		[
			{ serviceAccountKey: JSON.stringify({ client_email: 'x@y', private_key: keyBody }) },
			/no PEM "private_key"/,
		],
		[
			{
				serviceAccountKey: JSON.stringify({ client_email: 'x@y', private_key: account.privateKey }),
			},
			/set "Project ID"/,
		],
		[
			{ serviceAccountKey: account.json, useCustomEndpoint: true, apiEndpoint: 'ftp://x' },
			/http:\/\/ or https:\/\//,
		],
		[
			{ serviceAccountKey: account.json, useCustomEndpoint: true, apiEndpoint: '' },
			/no endpoint is set/,
		],
	])('refuses %#, naming the field and never echoing the key', (data, problem) => {
		let message = '';
		try {
			parseGcsCredential(data);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(problem);
		expect(message).not.toContain(keyBody);
	});

	it("is tested by listing the buckets (the node's credentialTest method)", async () => {
		const test = (data: Record<string, unknown>) =>
			testGcsCredential.call(
				{} as never,
				{ id: 'x', name: 'x', type: 'cloudPackGoogleCloudStorageApi', data } as never,
			);
		const ok = await test(gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId));
		expect(ok).toEqual({
			status: 'OK',
			message: expect.stringMatching(
				/Listed the buckets of project "cloud-pack-test" \(first bucket: /,
			),
		});
		const broken = await test({ serviceAccountKey: `{"private_key": "${keyBody}"` });
		expect(broken).toEqual({ status: 'Error', message: expect.stringMatching(/not valid JSON/) });
		expect(broken.message).not.toContain(keyBody);
	});

	it('chooses the layout and authentication of a custom endpoint per client (no STORAGE_EMULATOR_HOST)', async () => {
		expect(process.env.STORAGE_EMULATOR_HOST).toBeUndefined();
		const asEmulator = await createGcsClient(
			parseGcsCredential(gcsCredentialData('http://127.0.0.1:1234/', 'emulator')),
		);
		const asGoogle = await createGcsClient(
			parseGcsCredential(gcsCredentialData('https://storage.example.test', 'google')),
		);
		const google = await createGcsClient(parseGcsCredential({ serviceAccountKey: account.json }));
		const view = (c: GcsClient) =>
			c.storage as unknown as {
				baseUrl: string;
				apiEndpoint: string;
				customEndpoint: boolean;
				useAuthWithCustomEndpoint?: boolean;
			};
		expect(view(asEmulator)).toMatchObject({
			baseUrl: 'http://127.0.0.1:1234',
			apiEndpoint: 'http://127.0.0.1:1234',
			customEndpoint: true,
			useAuthWithCustomEndpoint: false,
		});
		expect(view(asGoogle)).toMatchObject({
			baseUrl: 'https://storage.example.test/storage/v1',
			customEndpoint: true,
			useAuthWithCustomEndpoint: true,
		});
		expect(view(google)).toMatchObject({
			baseUrl: 'https://storage.googleapis.com/storage/v1',
			customEndpoint: false,
		});
		expect(google.storage.retryOptions).toMatchObject({
			maxRetries: 4,
			totalTimeout: 120,
			maxRetryDelay: 30,
			autoRetry: true,
		});
	});
});

/**
 * Verifies a v4 signed URL the way Google does
 * (https://cloud.google.com/storage/docs/authentication/signatures): canonical request,
 * string to sign, RSA-SHA256 with the service account's public key.
 */
function verifyV4(url: string, method: string, extraHeaders: Record<string, string> = {}): boolean {
	const parsed = new URL(url);
	const signature = parsed.searchParams.get('X-Goog-Signature')!;
	const query = [...parsed.searchParams.entries()]
		.filter(([name]) => name !== 'X-Goog-Signature')
		.map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)])
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => `${name}=${value}`)
		.join('&');
	// The SDK signs the host name without the port (right for Google's default port 443).
	const headers: Record<string, string> = { host: parsed.hostname, ...extraHeaders };
	const signedHeaders = parsed.searchParams.get('X-Goog-SignedHeaders')!;
	const canonicalHeaders = signedHeaders
		.split(';')
		.map((name) => `${name}:${headers[name] ?? ''}\n`)
		.join('');
	const canonicalRequest = [
		method,
		parsed.pathname,
		query,
		canonicalHeaders,
		signedHeaders,
		'UNSIGNED-PAYLOAD',
	].join('\n');
	const scope = parsed.searchParams.get('X-Goog-Credential')!.split('/').slice(1).join('/');
	const stringToSign = [
		'GOOG4-RSA-SHA256',
		parsed.searchParams.get('X-Goog-Date'),
		scope,
		createHash('sha256').update(canonicalRequest).digest('hex'),
	].join('\n');
	const publicKey = createPublicKey(throwawayServiceAccount(emulator.projectId).publicKey);
	return verify('RSA-SHA256', Buffer.from(stringToSign), publicKey, Buffer.from(signature, 'hex'));
}

function encodeRfc3986(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}
