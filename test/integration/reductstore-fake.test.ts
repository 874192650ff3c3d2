/**
 * Checks the ReductStore fake (test/fakes/reductstore) by driving the official `reduct-js` client
 * against it. Endpoints reduct-js does not cover (alive, HEAD bucket, legacy query string, raw batch
 * protocol v2 headers, query-link download) are checked with plain fetch against the HTTP API docs.
 *
 * Note: `client.close()` is deliberately never called: reduct-js destroys undici's *global*
 * dispatcher there, which would break every later fetch in this worker.
 */
import {
	APIError,
	type Bucket,
	Client,
	QuotaType,
	ReplicationMode,
	type ReplicationSettings,
} from 'reduct-js';
import { type ReductFake, startReductFake } from '../fakes/reductstore/server';

const TOKEN = 'test-init-token';

let fake: ReductFake;
let client: Client;

beforeAll(async () => {
	fake = await startReductFake({ apiToken: TOKEN });
	client = new Client(fake.url, { apiToken: TOKEN });
});

afterAll(async () => {
	await fake.close();
});

async function apiError(promise: Promise<unknown>): Promise<APIError> {
	try {
		await promise;
	} catch (err) {
		if (err instanceof APIError) return err;
		throw err;
	}
	throw new Error('expected the call to fail with APIError');
}

interface Got {
	entry: string;
	time: bigint;
	labels: Record<string, unknown>;
	contentType?: string;
	size: bigint;
	body: string;
}

async function collect(
	records: AsyncGenerator<{
		entry: string;
		time: bigint;
		labels: Record<string, unknown>;
		contentType?: string;
		size: bigint;
		readAsString(): Promise<string>;
	}>,
): Promise<Got[]> {
	const out: Got[] = [];
	for await (const rec of records) {
		out.push({
			entry: rec.entry,
			time: rec.time,
			labels: rec.labels,
			contentType: rec.contentType,
			size: rec.size,
			body: await rec.readAsString(),
		});
	}
	return out;
}

async function times(
	bucket: Bucket,
	entry: string | string[],
	when?: Record<string, unknown>,
): Promise<bigint[]> {
	return (await collect(bucket.query(entry, undefined, undefined, when ? { when } : {}))).map(
		(r) => r.time,
	);
}

async function write(
	bucket: Bucket,
	entry: string,
	ts: bigint,
	body: string | Buffer,
	labels = {},
	contentType = 'text/plain',
) {
	await (await bucket.beginWrite(entry, { ts, labels, contentType })).write(body);
}

const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });

function requested(method: string, prefix: string): boolean {
	return fake.requests.some((r) => r.method === method && r.path.startsWith(prefix));
}

describe('server API', () => {
	it('reports info, bucket list, the current token and liveness', async () => {
		const own = await startReductFake({ apiToken: TOKEN });
		try {
			const c = new Client(own.url, { apiToken: TOKEN });
			const a = await c.createBucket('srv-a');
			await c.createBucket('srv-b');
			await write(a, 'e', 1_000n, 'abc');
			await write(a, 'e', 3_000n, 'de');

			const info = await c.getInfo();
			expect(info).toMatchObject({
				version: '1.21.0',
				bucketCount: 2n,
				usage: 5n,
				oldestRecord: 1_000n,
				latestRecord: 3_000n,
			});
			expect(info.uptime).toBeGreaterThanOrEqual(0n);
			expect(info.defaults.bucket).toEqual({
				maxBlockSize: 64_000_000n,
				maxBlockRecords: 1024n,
				quotaType: QuotaType.NONE,
				quotaSize: 0n,
			});

			const list = await c.getBucketList();
			expect(list.map((b) => b.name)).toEqual(['srv-a', 'srv-b']);
			expect(list[0]).toMatchObject({
				entryCount: 1n,
				size: 5n,
				oldestRecord: 1_000n,
				latestRecord: 3_000n,
				isProvisioned: false,
				status: 'READY',
			});

			const me = await c.me();
			expect(me).toMatchObject({
				name: 'init-token',
				isProvisioned: true,
				permissions: { fullAccess: true, read: [], write: [] },
			});

			// not in reduct-js: /alive is anonymous and answers GET and HEAD
			for (const method of ['GET', 'HEAD']) {
				const res = await fetch(`${own.url}/api/v1/alive`, { method });
				expect(res.status).toBe(200);
				expect(res.headers.get('x-reduct-api')).toBe('1.21');
			}
			const noAuth = await fetch(`${own.url}/api/v1/info`);
			expect(noAuth.status).toBe(401);
			expect(noAuth.headers.get('x-reduct-error')).toBe('No bearer token in request header');
			expect(await noAuth.json()).toEqual({ detail: 'No bearer token in request header' });
			expect(own.requests).toContainEqual({ method: 'GET', path: '/api/v1/info', status: 200 });
		} finally {
			await own.close();
		}
	});

	it('works without authentication when no API token is configured', async () => {
		const open = await startReductFake();
		try {
			const c = new Client(open.url);
			expect(open.token).toBeUndefined();
			expect((await c.me()).name).toBe('AUTHENTICATION-DISABLED');
			const b = await c.createBucket('open');
			await write(b, 'e', 1n, 'x');
			expect(await (await b.beginRead('e', 1n)).readAsString()).toBe('x');
			expect(await c.getTokenList()).toEqual([]);
			const err = await apiError(c.createToken('t', { fullAccess: true }));
			expect(err).toMatchObject({ status: 400, message: 'Authentication is disabled' });
		} finally {
			await open.close();
		}
	});
});

describe('bucket API', () => {
	it('creates (exist_ok), reads settings/info/entries, updates, renames and removes a bucket', async () => {
		const bucket = await client.createBucket('bkt-1', {
			maxBlockSize: 1_000n,
			maxBlockRecords: 10n,
			quotaType: QuotaType.FIFO,
			quotaSize: 100_000n,
		});
		const dup = await apiError(client.createBucket('bkt-1'));
		expect(dup).toMatchObject({ status: 409, message: "Bucket 'bkt-1' already exists" });
		expect((await client.getOrCreateBucket('bkt-1')).getName()).toBe('bkt-1');

		expect(await bucket.getSettings()).toEqual({
			maxBlockSize: 1_000n,
			maxBlockRecords: 10n,
			quotaType: QuotaType.FIFO,
			quotaSize: 100_000n,
		});
		await bucket.setSettings({ maxBlockRecords: 20n, quotaType: QuotaType.NONE });
		expect(await bucket.getSettings()).toEqual({
			maxBlockSize: 1_000n,
			maxBlockRecords: 20n,
			quotaType: QuotaType.NONE,
			quotaSize: 100_000n,
		});

		await write(bucket, 'e1', 10n, 'aaaa');
		await write(bucket, 'e1', 30n, 'bb');
		await write(bucket, 'e2', 20n, 'c');
		expect(await bucket.getInfo()).toEqual({
			name: 'bkt-1',
			entryCount: 2n,
			size: 7n,
			oldestRecord: 10n,
			latestRecord: 30n,
			isProvisioned: false,
			status: 'READY',
		});
		const entries = await bucket.getEntryList();
		expect(entries).toEqual([
			{
				name: 'e1',
				blockCount: 1n,
				recordCount: 2n,
				size: 6n,
				oldestRecord: 10n,
				latestRecord: 30n,
				status: 'READY',
			},
			{
				name: 'e2',
				blockCount: 1n,
				recordCount: 1n,
				size: 1n,
				oldestRecord: 20n,
				latestRecord: 20n,
				status: 'READY',
			},
		]);

		await bucket.rename('bkt-1-renamed');
		expect(bucket.getName()).toBe('bkt-1-renamed');
		expect(await apiError(client.getBucket('bkt-1'))).toMatchObject({
			status: 404,
			message: "Bucket 'bkt-1' is not found",
		});
		expect(await (await bucket.beginRead('e1', 30n)).readAsString()).toBe('bb');

		// HEAD is not exposed by reduct-js
		expect(
			(await fetch(`${fake.url}/api/v1/b/bkt-1-renamed`, { method: 'HEAD', headers: auth() }))
				.status,
		).toBe(200);
		expect(
			(await fetch(`${fake.url}/api/v1/b/bkt-1`, { method: 'HEAD', headers: auth() })).status,
		).toBe(404);

		expect(await apiError(client.createBucket('bad name!'))).toMatchObject({ status: 422 });
		const badSettings = await fetch(`${fake.url}/api/v1/b/bad-settings`, {
			method: 'POST',
			headers: auth(),
			body: JSON.stringify({ quota_type: 'SOMETIMES' }),
		});
		expect(badSettings.status).toBe(422);
		expect(badSettings.headers.get('x-reduct-error')).toMatch(/quota_type/);

		await bucket.remove();
		expect(await apiError(client.getBucket('bkt-1-renamed'))).toMatchObject({ status: 404 });
		expect(await apiError(bucket.remove())).toMatchObject({ status: 404 });
	});

	it('enforces HARD and FIFO quotas', async () => {
		const hard = await client.createBucket('quota-hard', {
			quotaType: QuotaType.HARD,
			quotaSize: 10n,
		});
		await write(hard, 'e', 1n, '12345678');
		expect(await apiError(write(hard, 'e', 2n, '12345'))).toMatchObject({
			status: 400,
			message: "Quota of 'quota-hard' exceeded",
		});

		const fifo = await client.createBucket('quota-fifo', {
			quotaType: QuotaType.FIFO,
			quotaSize: 10n,
		});
		for (const ts of [1n, 2n, 3n]) await write(fifo, 'e', ts, 'four');
		expect(await times(fifo, 'e')).toEqual([2n, 3n]);
	});
});

describe('entry API: records', () => {
	it('writes records with labels and content type, reads them at ts, latest and HEAD', async () => {
		const b = await client.createBucket('rec');
		await write(b, 'sensor-1', 1_000_000n, 'hello world', { color: 'red', list: 'a,b', n: 7 });
		await write(
			b,
			'sensor-1',
			2_000_000n,
			Buffer.from([0, 1, 2, 255]),
			{},
			'application/octet-stream',
		);

		const first = await b.beginRead('sensor-1', 1_000_000n);
		expect(first).toMatchObject({ time: 1_000_000n, size: 11n, contentType: 'text/plain' });
		expect(first.labels).toEqual({ color: 'red', list: 'a,b', n: '7' });
		expect(await first.readAsString()).toBe('hello world');

		const latest = await b.beginRead('sensor-1');
		expect(latest.time).toBe(2_000_000n);
		expect(latest.contentType).toBe('application/octet-stream');
		expect([...(await latest.read())]).toEqual([0, 1, 2, 255]);

		const head = await b.beginRead('sensor-1', 1_000_000n, true);
		expect(head).toMatchObject({ time: 1_000_000n, size: 11n });
		expect(head.labels.color).toBe('red');
		expect((await head.read()).length).toBe(0);

		// a stream body is sent chunked with x-reduct-content-length
		const streamed = Buffer.from('streamed body');
		const stream = new ReadableStream<Uint8Array>({
			start(ctrl) {
				ctrl.enqueue(streamed);
				ctrl.close();
			},
		});
		await (
			await b.beginWrite('sensor-1', { ts: 3_000_000n, contentType: 'text/plain' })
		).write(stream, streamed.length);
		expect(await (await b.beginRead('sensor-1', 3_000_000n)).readAsString()).toBe('streamed body');

		expect(await apiError(write(b, 'sensor-1', 1_000_000n, 'again'))).toMatchObject({
			status: 409,
			message: 'A record with timestamp 1000000 already exists',
		});
		expect(await apiError(b.beginRead('sensor-1', 5n))).toMatchObject({
			status: 404,
			message: 'No record with timestamp 5',
		});
		expect(await apiError(b.beginRead('nope'))).toMatchObject({
			status: 404,
			message: "Entry 'nope' not found in bucket 'rec'",
		});
		expect(await apiError(write(b, 'bad entry!', 1n, 'x'))).toMatchObject({ status: 422 });
		expect(fake.requests).toContainEqual({
			method: 'POST',
			path: '/api/v1/b/rec/sensor-1?ts=1000000',
			status: 200,
		});
	});

	it('writes a batch (batch protocol v1) and reports per-record errors', async () => {
		const b = await client.createBucket('batch');
		const batch = await b.beginWriteBatch('cam');
		batch.add(1_000n, 'one', 'text/plain', { idx: '1', tag: 'x,y' });
		batch.add(2_000n, Buffer.from([9, 8, 7]), 'application/octet-stream', { idx: '2' });
		batch.add(3_000n, 'three');
		expect((await batch.write()).size).toBe(0);
		expect(requested('POST', '/api/v1/b/batch/cam/batch')).toBe(true);

		const one = await b.beginRead('cam', 1_000n);
		expect(one.labels).toEqual({ idx: '1', tag: 'x,y' });
		expect(await one.readAsString()).toBe('one');
		const two = await b.beginRead('cam', 2_000n);
		expect([...(await two.read())]).toEqual([9, 8, 7]);
		expect((await b.beginRead('cam', 3_000n)).contentType).toBe('application/octet-stream');

		const dup = await b.beginWriteBatch('cam');
		dup.add(3_000n, 'again');
		dup.add(4_000n, 'four');
		const errors = await dup.write();
		expect([...errors.keys()]).toEqual([3_000n]);
		expect(errors.get(3_000n)).toMatchObject({
			status: 409,
			message: 'A record with timestamp 3000 already exists',
		});
		expect(await (await b.beginRead('cam', 4_000n)).readAsString()).toBe('four');
	});

	it('writes a record batch across entries (batch protocol v2) with hierarchical names', async () => {
		const b = await client.createBucket('multi');
		const batch = b.beginWriteRecordBatch();
		batch.add('robot/cam-1', 1_000n, 'a1', 'text/plain', { k: '1', shared: 's' });
		batch.add('robot/cam-1', 1_001n, 'a2', 'text/plain', { k: '2', shared: 's' });
		batch.add('bad name', 2_000n, 'x');
		batch.add('lidar', 3_000n, Buffer.from([1, 2, 3]), 'application/octet-stream', { k: 'a,b' });
		const errors = await batch.send();
		expect(requested('POST', '/api/v1/io/multi/write')).toBe(true);
		expect([...errors.keys()]).toEqual(['bad name']);
		expect(errors.get('bad name')?.get(2_000n)).toMatchObject({ status: 422 });

		const got = await collect(b.query(['robot/*', 'lidar']));
		expect(got).toEqual([
			{
				entry: 'robot/cam-1',
				time: 1_000n,
				labels: { k: '1', shared: 's' },
				contentType: 'text/plain',
				size: 2n,
				body: 'a1',
			},
			{
				entry: 'robot/cam-1',
				time: 1_001n,
				labels: { k: '2', shared: 's' },
				contentType: 'text/plain',
				size: 2n,
				body: 'a2',
			},
			{
				entry: 'lidar',
				time: 3_000n,
				labels: { k: 'a,b' },
				contentType: 'application/octet-stream',
				size: 3n,
				body: '\u0001\u0002\u0003',
			},
		]);
		expect(await (await b.beginRead('robot/cam-1', 1_001n)).readAsString()).toBe('a2');
		expect((await b.getEntryList()).map((e) => e.name).sort()).toEqual(['lidar', 'robot/cam-1']);
	});
});

describe('queries', () => {
	let b: Bucket;

	beforeAll(async () => {
		b = await client.createBucket('query');
		const batch = await b.beginWriteBatch('q');
		for (let i = 0; i < 10; i++) {
			batch.add(BigInt(1_000 + i), `rec-${i}`, 'text/plain', {
				n: String(i),
				parity: i % 2 ? 'odd' : 'even',
			});
		}
		await batch.write();
	});

	it('runs a query with a when-condition and $limit, streaming bodies (I/O API)', async () => {
		const got = await collect(
			b.query('q', 1_000n, 1_009n, {
				when: { '&n': { $gte: 3 }, '&parity': { $eq: 'odd' }, $limit: 2 },
			}),
		);
		expect(got).toEqual([
			{
				entry: 'q',
				time: 1_003n,
				labels: { n: '3', parity: 'odd' },
				contentType: 'text/plain',
				size: 5n,
				body: 'rec-3',
			},
			{
				entry: 'q',
				time: 1_005n,
				labels: { n: '5', parity: 'odd' },
				contentType: 'text/plain',
				size: 5n,
				body: 'rec-5',
			},
		]);
		expect(requested('POST', '/api/v1/io/query/q')).toBe(true);
		expect(requested('GET', '/api/v1/io/query/read')).toBe(true);
		// [start, stop) interval
		expect((await collect(b.query('q', 1_002n, 1_005n))).map((r) => r.body)).toEqual([
			'rec-2',
			'rec-3',
			'rec-4',
		]);
	});

	it('evaluates the documented operators', async () => {
		expect(await times(b, 'q', { $or: [{ '&n': { $lt: 2 } }, { '&n': { $gt: 8 } }] })).toEqual([
			1_000n,
			1_001n,
			1_009n,
		]);
		expect(await times(b, 'q', { $in: ['&n', 4, 6] })).toEqual([1_004n, 1_006n]);
		expect(await times(b, 'q', { $nin: ['&parity', 'odd'], $not: [{ '&n': { $eq: 0 } }] })).toEqual(
			[1_002n, 1_004n, 1_006n, 1_008n],
		);
		expect(await times(b, 'q', { $and: [{ '&n': { $gte: 1 } }, { '&n': { $lte: 2 } }] })).toEqual([
			1_001n,
			1_002n,
		]);
		expect(await times(b, 'q', { '&n': { $ne: 5 }, $each_n: 3 })).toEqual([1_002n, 1_006n, 1_009n]);
		expect(await times(b, 'q', { $timestamp: { $gte: 1_008 } })).toEqual([1_008n, 1_009n]);
		expect(await times(b, 'q', { $gt: [{ $mult: ['&n', 2] }, 15] })).toEqual([1_008n, 1_009n]);
		expect(await times(b, 'q', { '&parity': { $starts_with: 'ev' }, $limit: 1 })).toEqual([1_000n]);
		// a missing label is "false" unless the query is strict
		expect(await times(b, 'q', { '&missing': { $eq: 1 } })).toEqual([]);
		const strict = await apiError(
			collect(
				b.query('q', undefined, undefined, { when: { '&missing': { $eq: 1 } }, strict: true }),
			),
		);
		expect(strict).toMatchObject({ status: 404, message: "Reference 'missing' not found" });

		const unsupported = await apiError(
			collect(b.query('q', undefined, undefined, { when: { '&n': { $regex: 'x' } } })),
		);
		expect(unsupported).toMatchObject({ status: 422, message: "Operator '$regex' not supported" });
	});

	it('returns only metadata for head queries', async () => {
		const got = await collect(
			b.query('q', undefined, undefined, { head: true, when: { $limit: 3 } }),
		);
		expect(got.map((r) => [r.time, r.size, r.body])).toEqual([
			[1_000n, 5n, ''],
			[1_001n, 5n, ''],
			[1_002n, 5n, ''],
		]);
		expect(requested('HEAD', '/api/v1/io/query/read')).toBe(true);
	});

	it('pages a large result over several batches', async () => {
		const big = await client.createBucket('big');
		const batch = big.beginWriteRecordBatch();
		for (let i = 0; i < 250; i++) {
			batch.add('e', BigInt(i + 1), `body-${i}`, 'text/plain', {
				i: String(i),
				group: `g${i % 3}`,
			});
		}
		expect((await batch.send()).size).toBe(0);
		const got = await collect(big.query('e'));
		expect(got).toHaveLength(250);
		expect(got.map((r) => r.body)).toEqual(Array.from({ length: 250 }, (_, i) => `body-${i}`));
		expect(got[100].labels).toEqual({ i: '100', group: 'g1' });
		const reads = fake.requests.filter((r) => r.path === '/api/v1/io/big/read');
		expect(reads.length).toBeGreaterThan(2);
		expect(reads.every((r) => r.status === 200)).toBe(true);
	});

	it('keeps a continuous query open for new records', async () => {
		const live = await client.createBucket('live');
		await write(live, 'e', 10n, 'first');
		const iterator = live.query('e', undefined, undefined, {
			continuous: true,
			pollInterval: 0.02,
			ttl: 5,
		});
		const first = await iterator.next();
		expect(first.done).toBe(false);
		expect(first.value?.time).toBe(10n);
		await write(live, 'e', 20n, 'second');
		const second = await iterator.next();
		expect(second.value?.time).toBe(20n);
		expect(await second.value?.readAsString()).toBe('second');
		await iterator.return(undefined);
	});

	it('speaks the entry API and batch protocol v1 to servers older than 1.18', async () => {
		const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const old = await startReductFake({ apiToken: TOKEN, apiVersion: '1.17' });
		try {
			const c = new Client(old.url, { apiToken: TOKEN });
			const ob = await c.createBucket('old');
			const batch = await ob.beginWriteBatch('e');
			for (let i = 1; i <= 5; i++) batch.add(BigInt(i), `v${i}`, 'text/plain', { n: String(i) });
			await batch.write();

			const got = await collect(ob.query('e', 2n, undefined, { when: { '&n': { $lte: 4 } } }));
			expect(got.map((r) => [r.time, r.body, r.labels])).toEqual([
				[2n, 'v2', { n: '2' }],
				[3n, 'v3', { n: '3' }],
				[4n, 'v4', { n: '4' }],
			]);
			expect(await ob.removeQuery('e', 4n, 6n)).toBe(2);
			const paths = old.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`);
			expect(paths).toEqual(
				expect.arrayContaining(['POST /api/v1/b/old/e/q', 'GET /api/v1/b/old/e/batch']),
			);
			expect(paths.some((p) => p.includes('/io/'))).toBe(false);
			expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('is too old'));

			// not in reduct-js any more: the deprecated query-string query and `GET ?q=` single reads
			const res = await fetch(`${old.url}/api/v1/b/old/e/q?start=1&stop=4&include-n=2`, {
				headers: auth(),
			});
			const { id } = (await res.json()) as { id: number };
			const next = await fetch(`${old.url}/api/v1/b/old/e?q=${id}`, { headers: auth() });
			expect(next.status).toBe(200);
			expect(next.headers.get('x-reduct-time')).toBe('2');
			expect(await next.text()).toBe('v2');
			const done = await fetch(`${old.url}/api/v1/b/old/e?q=${id}`, { headers: auth() });
			expect(done.status).toBe(204);
		} finally {
			consoleError.mockRestore();
			await old.close();
		}
	});
});

describe('entry API queries as the ReductStore node runs them', () => {
	// The node queries one entry through the Entry API (POST /b/:bucket/:entry/q, then
	// GET /b/:bucket/:entry/batch?q=); reduct-js takes that path for servers older than 1.18.
	it('answers conditions, $limit, strict, only-metadata and REMOVE queries on the entry endpoints', async () => {
		const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const old = await startReductFake({ apiToken: TOKEN, apiVersion: '1.17' });
		try {
			const c = new Client(old.url, { apiToken: TOKEN });
			const ob = await c.createBucket('node-paths');
			const batch = await ob.beginWriteBatch('e');
			for (let i = 1; i <= 120; i++)
				batch.add(BigInt(i), `v${i}`, 'text/plain', { n: String(i), even: String(i % 2 === 0) });
			await batch.write();

			const limited = await collect(
				ob.query('e', 10n, undefined, { when: { '&even': { $eq: true }, $limit: 3 } }),
			);
			expect(limited.map((r) => [r.time, r.body])).toEqual([
				[10n, 'v10'],
				[12n, 'v12'],
				[14n, 'v14'],
			]);

			// more records than one batch holds: several GET .../batch, the last one marked
			const everything = await collect(ob.query('e'));
			expect(everything.map((r) => r.body)).toEqual(
				Array.from({ length: 120 }, (_, i) => `v${i + 1}`),
			);
			const batchReads = old.requests.filter((r) =>
				r.path.startsWith('/api/v1/b/node-paths/e/batch?q='),
			);
			expect(batchReads.length).toBeGreaterThanOrEqual(2);

			const meta = await collect(ob.query('e', 1n, 4n, { head: true }));
			expect(meta.map((r) => [r.time, r.size, r.body])).toEqual([
				[1n, 2n, ''],
				[2n, 2n, ''],
				[3n, 2n, ''],
			]);

			const strict = await apiError(
				collect(
					ob.query('e', undefined, undefined, { when: { '&nope': { $eq: 1 } }, strict: true }),
				),
			);
			expect(strict).toMatchObject({ status: 404, message: "Reference 'nope' not found" });

			expect(
				await ob.removeQuery('e', undefined, undefined, { when: { '&n': { $gt: 100 } } }),
			).toBe(20);
			expect((await ob.getEntryList())[0].recordCount).toBe(100n);
			const paths = old.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`);
			expect(paths).toEqual(
				expect.arrayContaining([
					'POST /api/v1/b/node-paths/e/q',
					'GET /api/v1/b/node-paths/e/batch',
				]),
			);
			expect(paths.some((p) => p.includes('/io/'))).toBe(false);
		} finally {
			consoleError.mockRestore();
			await old.close();
		}
	});
});

describe('batch protocol v2 on the wire', () => {
	it('orders bodies by entry index then time, as the docs specify', async () => {
		await client.createBucket('wire');
		const start = 1_700_000_000_000_000n;
		const res = await fetch(`${fake.url}/api/v1/io/wire/write`, {
			method: 'POST',
			headers: {
				...auth(),
				'content-type': 'application/octet-stream',
				'x-reduct-entries': 'cam-1,cam%2F2',
				'x-reduct-start-ts': start.toString(),
				'x-reduct-0-0': '5,text/plain,device=cam1',
				'x-reduct-0-1000': '5',
				'x-reduct-1-0': '3,text/plain,device=cam2',
			},
			body: 'helloworldfoo',
		});
		expect(res.status).toBe(200);

		const b = await client.getBucket('wire');
		const world = await b.beginRead('cam-1', start + 1_000n);
		expect(world.labels).toEqual({ device: 'cam1' });
		expect(await world.readAsString()).toBe('world');
		expect(await (await b.beginRead('cam/2', start)).readAsString()).toBe('foo');

		const q = await fetch(`${fake.url}/api/v1/io/wire/q`, {
			method: 'POST',
			headers: auth(),
			body: JSON.stringify({ query_type: 'QUERY', entries: ['cam-*', 'cam/2'] }),
		});
		const { id } = (await q.json()) as { id: number };
		const read = await fetch(`${fake.url}/api/v1/io/wire/read`, {
			headers: { ...auth(), 'x-reduct-query-id': String(id) },
		});
		expect(read.status).toBe(200);
		const h = Object.fromEntries([...read.headers].filter(([k]) => k.startsWith('x-reduct-')));
		expect(h).toEqual({
			'x-reduct-api': '1.21',
			'x-reduct-entries': 'cam-1,cam%2F2',
			'x-reduct-start-ts': start.toString(),
			'x-reduct-labels': 'device',
			'x-reduct-0-0': '5,text/plain,0=cam1',
			'x-reduct-0-1000': '5',
			'x-reduct-1-0': '3,text/plain,0=cam2',
			'x-reduct-last': 'true',
		});
		expect(await read.text()).toBe('helloworldfoo');

		const again = await fetch(`${fake.url}/api/v1/io/wire/read`, {
			headers: { ...auth(), 'x-reduct-query-id': String(id) },
		});
		expect(again.status).toBe(204);
		const missingId = await fetch(`${fake.url}/api/v1/io/wire/read`, { headers: auth() });
		expect(missingId.status).toBe(422);
		const unknownId = await fetch(`${fake.url}/api/v1/io/wire/read`, {
			headers: { ...auth(), 'x-reduct-query-id': '999999' },
		});
		expect(unknownId.status).toBe(404);
		expect(unknownId.headers.get('x-reduct-error')).toMatch(/^Query 999999 not found/);
	});
});

describe('updating and removing', () => {
	it('updates labels of a record, a v1 batch and a v2 record batch', async () => {
		const b = await client.createBucket('upd');
		for (const ts of [1n, 2n, 3n]) await write(b, 'e', ts, `v${ts}`, { a: '1', b: 'keep', c: 'x' });

		await b.update('e', 1n, { a: '10', c: '' });
		expect((await b.beginRead('e', 1n)).labels).toEqual({ a: '10', b: 'keep' });
		expect(await apiError(b.update('e', 99n, { a: '1' }))).toMatchObject({ status: 404 });

		const v1 = await b.beginUpdateBatch('e');
		v1.addOnlyLabels(2n, { a: '20', extra: 'yes' });
		v1.addOnlyLabels(99n, { a: 'x' });
		const v1Errors = await v1.write();
		expect([...v1Errors.keys()]).toEqual([99n]);
		expect(v1Errors.get(99n)).toMatchObject({
			status: 404,
			message: 'No record with timestamp 99',
		});
		expect((await b.beginRead('e', 2n)).labels).toEqual({
			a: '20',
			b: 'keep',
			c: 'x',
			extra: 'yes',
		});

		const v2 = b.beginUpdateRecordBatch();
		v2.addOnlyLabels('e', 3n, { b: '', z: 'zz' });
		v2.addOnlyLabels('e', 77n, { z: 'q' });
		const v2Errors = await v2.send();
		expect(v2Errors.get('e')?.get(77n)).toMatchObject({ status: 404 });
		expect((await b.beginRead('e', 3n)).labels).toEqual({ a: '1', c: 'x', z: 'zz' });
		expect(requested('PATCH', '/api/v1/io/upd/update')).toBe(true);
	});

	it('removes single records, batches, by query, and renames/removes entries', async () => {
		const b = await client.createBucket('rm');
		const batch = await b.beginWriteBatch('e');
		for (let i = 1; i <= 10; i++) batch.add(BigInt(i), `v${i}`, 'text/plain', { n: String(i) });
		await batch.write();

		await b.removeRecord('e', 1n);
		expect(await apiError(b.beginRead('e', 1n))).toMatchObject({ status: 404 });
		expect(await apiError(b.removeRecord('e', 1n))).toMatchObject({ status: 404 });

		const v1 = await b.beginRemoveBatch('e');
		v1.addOnlyTimestamp(2n);
		v1.addOnlyTimestamp(3n);
		v1.addOnlyTimestamp(1n);
		const v1Errors = await v1.write();
		expect([...v1Errors.keys()]).toEqual([1n]);
		expect(v1Errors.get(1n)?.status).toBe(404);

		const v2 = b.beginRemoveRecordBatch();
		v2.addOnlyTimestamp('e', 4n);
		expect((await v2.send()).size).toBe(0);

		expect(await b.removeQuery('e', 5n, 11n, { when: { '&n': { $gte: 8 } } })).toBe(3);
		expect(await times(b, 'e')).toEqual([5n, 6n, 7n]);

		await write(b, 'other', 1n, 'o');
		expect(await apiError(b.renameEntry('e', 'other'))).toMatchObject({ status: 409 });
		await b.renameEntry('e', 'e-new');
		expect(await (await b.beginRead('e-new', 6n)).readAsString()).toBe('v6');
		expect(await apiError(b.beginRead('e', 6n))).toMatchObject({ status: 404 });

		await b.removeEntry('e-new');
		expect((await b.getEntryList()).map((e) => e.name)).toEqual(['other']);
		expect(await apiError(b.removeEntry('e-new'))).toMatchObject({ status: 404 });
	});

	it('stores, reads and removes attachments in the $meta entry', async () => {
		const b = await client.createBucket('att');
		await write(b, 'cam', 1n, 'frame');
		await b.writeAttachments('cam', { schema: { v: 1 }, calib: [1, 2] });
		expect(await b.readAttachments('cam')).toEqual({ schema: { v: 1 }, calib: [1, 2] });
		await b.writeAttachments('cam', { schema: { v: 2 } });
		expect(await b.readAttachments('cam')).toEqual({ schema: { v: 2 }, calib: [1, 2] });
		expect((await b.getEntryList()).map((e) => e.name)).toEqual(['cam']);

		await b.removeAttachments('cam', ['calib']);
		expect(await b.readAttachments('cam')).toEqual({ schema: { v: 2 } });
		await b.removeAttachments('cam');
		expect(await b.readAttachments('cam')).toEqual({});

		const noKey = await fetch(`${fake.url}/api/v1/b/att/cam/$meta?ts=5`, {
			method: 'POST',
			headers: auth(),
			body: '{}',
		});
		expect(noKey.status).toBe(422);
		const direct = await fetch(`${fake.url}/api/v1/b/att/cam/$meta`, {
			method: 'DELETE',
			headers: auth(),
		});
		expect(direct.status).toBe(409);
	});
});

describe('query links', () => {
	it('creates a link that serves the selected record anonymously', async () => {
		const b = await client.createBucket('links');
		await write(b, 'e', 10n, 'link-body', { a: '1' });
		const link = await b.createQueryLink(
			'e',
			undefined,
			undefined,
			undefined,
			{ entry: 'e', timestamp: 10n },
			undefined,
			'file.txt',
		);
		expect(link.startsWith(`${fake.url}/api/v1/links/file.txt?`)).toBe(true);

		const res = await fetch(link);
		expect(res.status).toBe(200);
		expect(res.headers.get('x-reduct-time')).toBe('10');
		expect(res.headers.get('x-reduct-label-a')).toBe('1');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="file.txt"');
		expect(await res.text()).toBe('link-body');

		const part = await fetch(link, { headers: { Range: 'bytes=0-3' } });
		expect(part.status).toBe(206);
		expect(await part.text()).toBe('link');
	});
});

describe('tokens and permissions', () => {
	it('creates, lists, reads, rotates and removes tokens', async () => {
		const value = await client.createToken('reader', {
			fullAccess: false,
			read: ['tok-*'],
			write: [],
		});
		expect(value).toMatch(/^reader-[0-9a-f]{32}$/);
		const token = await client.getToken('reader');
		expect(token).toMatchObject({
			name: 'reader',
			isProvisioned: false,
			isExpired: false,
			ipAllowlist: [],
			permissions: { fullAccess: false, read: ['tok-*'], write: [] },
		});
		expect(token.createdAt).toBeGreaterThan(0);
		expect((await client.getTokenList()).map((t) => t.name)).toEqual(
			expect.arrayContaining(['init-token', 'reader']),
		);
		expect(await apiError(client.createToken('reader', { fullAccess: true }))).toMatchObject({
			status: 409,
		});

		const readerClient = new Client(fake.url, { apiToken: value });
		expect((await readerClient.me()).name).toBe('reader');

		const rotated = await client.rotateToken('reader');
		expect(rotated).not.toBe(value);
		expect(await apiError(readerClient.me())).toMatchObject({
			status: 401,
			message: 'Invalid token',
		});
		expect((await new Client(fake.url, { apiToken: rotated }).me()).name).toBe('reader');
		expect(await apiError(client.rotateToken('init-token'))).toMatchObject({ status: 409 });

		await client.deleteToken('reader');
		expect(await apiError(client.getToken('reader'))).toMatchObject({
			status: 404,
			message: "Token 'reader' doesn't exist",
		});
		expect(await apiError(client.deleteToken('reader'))).toMatchObject({ status: 404 });
		expect(await apiError(client.deleteToken('init-token'))).toMatchObject({ status: 409 });

		const limited = await client.createToken('ip-limited', {
			permissions: { fullAccess: true },
			ipAllowlist: ['10.0.0.0/8'],
			ttl: 3_600,
		});
		expect(await client.getToken('ip-limited')).toMatchObject({
			ttl: 3_600,
			ipAllowlist: ['10.0.0.0/8'],
		});
		expect(await apiError(new Client(fake.url, { apiToken: limited }).me())).toMatchObject({
			status: 401,
		});
	});

	it('answers 401 for a bad token and 403 without the needed permission', async () => {
		const bad = new Client(fake.url, { apiToken: 'not-a-token' });
		expect(await apiError(bad.getInfo())).toMatchObject({ status: 401, message: 'Invalid token' });

		const a = await client.createBucket('auth-a');
		await client.createBucket('auth-b');
		await write(a, 'e', 1n, 'secret');

		const ro = new Client(fake.url, {
			apiToken: await client.createToken('ro', { fullAccess: false, read: ['auth-a'], write: [] }),
		});
		expect((await ro.getBucketList()).map((x) => x.name)).toEqual(['auth-a']);
		const roBucket = await ro.getBucket('auth-a');
		expect(await (await roBucket.beginRead('e', 1n)).readAsString()).toBe('secret');
		expect(await apiError(write(roBucket, 'e', 2n, 'nope'))).toMatchObject({
			status: 403,
			message: "Token 'ro' doesn't have write access to bucket 'auth-a'",
		});
		expect(await apiError(ro.createBucket('auth-c'))).toMatchObject({
			status: 403,
			message: "Token 'ro' doesn't have full access",
		});
		expect(await apiError(ro.getBucket('auth-b'))).toMatchObject({ status: 403 });
		expect(await apiError(ro.getTokenList())).toMatchObject({ status: 403 });

		// write-only access: reduct-js needs read access for getBucket, so use the HTTP API directly
		const wo = await client.createToken('wo', { fullAccess: false, read: [], write: ['auth-b'] });
		const put = await fetch(`${fake.url}/api/v1/b/auth-b/e?ts=1`, {
			method: 'POST',
			headers: auth(wo),
			body: 'w',
		});
		expect(put.status).toBe(200);
		const get = await fetch(`${fake.url}/api/v1/b/auth-b/e?ts=1`, { headers: auth(wo) });
		expect(get.status).toBe(403);
		expect(get.headers.get('x-reduct-error')).toBe(
			"Token 'wo' doesn't have read access to bucket 'auth-b'",
		);
	});
});

describe('replication API', () => {
	it('creates, lists, reads, updates, sets the mode of and deletes replications', async () => {
		const src = await client.createBucket('rep-src');
		const settings: ReplicationSettings = {
			srcBucket: 'rep-src',
			dstBucket: 'rep-dst',
			dstHost: 'http://127.0.0.1:1',
			dstToken: 'secret',
			entries: ['cam-*'],
			when: { '&ok': { $eq: true } },
			mode: ReplicationMode.ENABLED,
		};
		await client.createReplication('rep-1', settings);
		expect(await client.getReplicationList()).toEqual([
			{ name: 'rep-1', mode: 'enabled', isActive: false, isProvisioned: false, pendingRecords: 0n },
		]);

		await write(src, 'cam-1', 1n, 'x');
		await write(src, 'other', 1n, 'y');
		const full = await client.getReplication('rep-1');
		expect(full.info.pendingRecords).toBe(1n);
		expect(full.settings).toEqual({ ...settings, dstToken: undefined });
		expect(full.diagnostics).toEqual({ hourly: { ok: 0n, errored: 0n, errors: {} } });

		await client.updateReplication('rep-1', {
			...settings,
			dstBucket: 'rep-dst-2',
			entries: [],
			mode: ReplicationMode.PAUSED,
		});
		const updated = await client.getReplication('rep-1');
		expect(updated.settings).toMatchObject({ dstBucket: 'rep-dst-2', entries: [], mode: 'paused' });
		expect(updated.info.mode).toBe('paused');

		await client.setReplicationMode('rep-1', ReplicationMode.DISABLED);
		expect((await client.getReplicationList())[0].mode).toBe('disabled');

		expect(await apiError(client.createReplication('rep-1', settings))).toMatchObject({
			status: 409,
		});
		expect(
			await apiError(client.createReplication('rep-2', { ...settings, srcBucket: 'missing' })),
		).toMatchObject({
			status: 404,
			message: "Source bucket 'missing' for replication 'rep-2' does not exist",
		});
		expect(
			await apiError(
				client.createReplication('rep-2', { ...settings, when: { '&x': { $bogus: 1 } } }),
			),
		).toMatchObject({
			status: 422,
			message: "Invalid replication condition: Operator '$bogus' not supported",
		});
		expect(
			await apiError(client.createReplication('rep-2', { ...settings, dstHost: 'not a url' })),
		).toMatchObject({
			status: 422,
		});

		await client.deleteReplication('rep-1');
		expect(await apiError(client.getReplication('rep-1'))).toMatchObject({ status: 404 });
		expect(
			await apiError(client.setReplicationMode('rep-1', ReplicationMode.ENABLED)),
		).toMatchObject({ status: 404 });
	});
});
