/**
 * The ReductStore node's operations, executed against the ReductStore fake (itself checked by
 * the official reduct-js client in reductstore-fake.test.ts) through a context that sends real
 * HTTP the way n8n does. What the node wrote is checked through reduct-js, not the node itself.
 */
import { randomBytes } from 'crypto';
import { Client, QuotaType } from 'reduct-js';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchBuckets } from '../../nodes/ReductStore/methods/searchBuckets';
import { searchEntries } from '../../nodes/ReductStore/methods/searchEntries';
import { type ReductFake, startReductFake } from '../fakes/reductstore/server';
import type { Params } from '../helpers/executeContext';
import {
	byName,
	createReductContext,
	httpRequestWithAuthentication,
	type HttpLog,
	type ReductContextOptions,
} from '../helpers/reductContext';

const TOKEN = 'node-test-token';

let fake: ReductFake;
let client: Client;

beforeAll(async () => {
	fake = await startReductFake({ apiToken: TOKEN });
	client = new Client(fake.url, { apiToken: TOKEN });
});

afterAll(async () => {
	await fake.close();
});

type RunOptions = Partial<Omit<ReductContextOptions, 'params'>>;

async function run(params: Params | ((i: number) => Params), options: RunOptions = {}) {
	const context = createReductContext({ url: fake.url, token: TOKEN, params, ...options });
	const items = await context.run();
	return { items, context };
}

async function failure(params: Params | ((i: number) => Params), options: RunOptions = {}) {
	const context = createReductContext({ url: fake.url, token: TOKEN, params, ...options });
	try {
		await context.run();
	} catch (error) {
		return {
			error: error as Error & { description?: string; httpCode?: string },
			http: context.http,
		};
	}
	throw new Error('expected the node to fail');
}

const record = (operation: string, extra: Params = {}): Params => ({
	resource: 'record',
	operation,
	...extra,
});

async function readBack(bucket: string, entry: string, ts: bigint) {
	const rec = await (await client.getBucket(bucket)).beginRead(entry, ts);
	return { labels: rec.labels, contentType: rec.contentType, body: await rec.read() };
}

async function all(bucket: string, entry: string) {
	const out: Array<{
		time: bigint;
		labels: Record<string, unknown>;
		body: string;
		contentType?: string;
	}> = [];
	for await (const rec of (await client.getBucket(bucket)).query(entry)) {
		out.push({
			time: rec.time,
			labels: rec.labels,
			contentType: rec.contentType,
			body: await rec.readAsString(),
		});
	}
	return out;
}

async function writeRaw(
	bucket: string,
	entry: string,
	ts: bigint,
	body: string | Buffer,
	labels: Record<string, string> = {},
) {
	await (
		await (
			await client.getBucket(bucket)
		).beginWrite(entry, { ts, labels, contentType: 'text/plain' })
	).write(body);
}

const requestsTo = (prefix: string, method?: string) =>
	fake.requests.filter((r) => r.path.startsWith(prefix) && (!method || r.method === method));

describe('server', () => {
	it('reports info, buckets and the current token', async () => {
		await client.createBucket('srv-one');
		const info = (await run({ resource: 'server', operation: 'info' })).items;
		expect(info).toHaveLength(1);
		expect(info[0].json).toMatchObject({
			version: '1.21.0',
			defaults: { bucket: { quota_type: 'NONE', max_block_records: 1024 } },
		});
		const buckets = (await run({ resource: 'server', operation: 'listBuckets' })).items;
		expect(buckets.map((item) => item.json.name)).toContain('srv-one');
		expect(buckets.find((item) => item.json.name === 'srv-one')?.json).toMatchObject({
			entry_count: 0,
			size: 0,
		});
		const me = (await run({ resource: 'server', operation: 'me' })).items;
		expect(me[0].json).toMatchObject({ name: 'init-token', permissions: { full_access: true } });
	});

	it('works against a server without authentication, sending no Authorization header', async () => {
		const open = await startReductFake();
		try {
			const context = createReductContext({
				url: open.url,
				params: { resource: 'server', operation: 'me' },
			});
			const items = await context.run();
			expect(items[0].json.name).toBe('AUTHENTICATION-DISABLED');
			expect(context.http[0].headers.authorization).toBeUndefined();
		} finally {
			await open.close();
		}
	});

	it('turns a bad token into a 401 error carrying the server message', async () => {
		const context = createReductContext({
			url: fake.url,
			token: 'wrong-token-value',
			params: { resource: 'server', operation: 'info' },
		});
		await expect(context.run()).rejects.toThrow('The service returned HTTP 401: Invalid token');
		const [call] = context.http;
		expect(call.headers.authorization).toBe('Bearer wrong-token-value');
	});
});

describe('bucket', () => {
	it('creates with settings, refuses a duplicate, succeeds if it exists when asked', async () => {
		const created = await run({
			resource: 'bucket',
			operation: 'create',
			bucketName: 'bkt-settings',
			settings: {
				quotaType: 'FIFO',
				quotaSize: 1_000_000,
				maxBlockRecords: 16,
				maxBlockSize: 4096,
			},
		});
		expect(created.items[0].json).toMatchObject({ bucket: 'bkt-settings', created: true });
		expect(await (await client.getBucket('bkt-settings')).getSettings()).toEqual({
			quotaType: QuotaType.FIFO,
			quotaSize: 1_000_000n,
			maxBlockRecords: 16n,
			maxBlockSize: 4096n,
		});

		const { error } = await failure({
			resource: 'bucket',
			operation: 'create',
			bucketName: 'bkt-settings',
		});
		expect(error.message).toBe(
			"The service returned HTTP 409: Bucket 'bkt-settings' already exists",
		);

		const again = await run({
			resource: 'bucket',
			operation: 'create',
			bucketName: 'bkt-settings',
			existOk: true,
			settings: { quotaType: 'HARD', quotaSize: 5 },
		});
		expect(again.items[0].json).toEqual({ bucket: 'bkt-settings', created: false });
		expect((await (await client.getBucket('bkt-settings')).getSettings()).quotaType).toBe(
			QuotaType.FIFO,
		);
	});

	it('gets settings, info and entries; updates settings; renames; deletes', async () => {
		const bucket = await client.createBucket('bkt-life');
		await writeRaw('bkt-life', 'e1', 10n, 'abc');
		await writeRaw('bkt-life', 'a/b', 20n, 'de');

		const got = (await run({ resource: 'bucket', operation: 'get', bucket: byName('bkt-life') }))
			.items[0].json as IDataObject;
		expect(got.settings).toMatchObject({ quota_type: 'NONE', max_block_records: 1024 });
		expect(got.info).toMatchObject({
			name: 'bkt-life',
			entry_count: 2,
			size: 5,
			oldest_record: 10,
			latest_record: 20,
		});
		expect((got.entries as IDataObject[]).map((entry) => entry.name).sort()).toEqual(['a/b', 'e1']);

		const updated = await run({
			resource: 'bucket',
			operation: 'update',
			bucket: byName('bkt-life'),
			settings: { quotaType: 'HARD', quotaSize: 100 },
		});
		expect(updated.items[0].json).toMatchObject({
			bucket: 'bkt-life',
			settings: { quota_type: 'HARD', quota_size: 100, max_block_records: 1024 },
		});
		expect(await bucket.getSettings()).toMatchObject({
			quotaType: QuotaType.HARD,
			quotaSize: 100n,
			maxBlockRecords: 1024n,
		});

		const renamed = await run({
			resource: 'bucket',
			operation: 'rename',
			bucket: byName('bkt-life'),
			newName: 'bkt-life-2',
		});
		expect(renamed.items[0].json).toEqual({
			bucket: 'bkt-life-2',
			previousName: 'bkt-life',
			renamed: true,
		});
		expect((await client.getBucketList()).map((b) => b.name)).toEqual(
			expect.arrayContaining(['bkt-life-2']),
		);
		expect((await client.getBucketList()).map((b) => b.name)).not.toContain('bkt-life');

		const deleted = await run({
			resource: 'bucket',
			operation: 'delete',
			bucket: byName('bkt-life-2'),
		});
		expect(deleted.items[0].json).toEqual({ bucket: 'bkt-life-2', deleted: true });
		expect((await client.getBucketList()).map((b) => b.name)).not.toContain('bkt-life-2');

		const { error } = await failure({
			resource: 'bucket',
			operation: 'get',
			bucket: byName('bkt-life-2'),
		});
		expect(error.message).toBe("The service returned HTTP 404: Bucket 'bkt-life-2' is not found");
	});

	it('refuses an update without settings before asking the server', async () => {
		const { error, http } = await failure({
			resource: 'bucket',
			operation: 'update',
			bucket: byName('srv-one'),
			settings: {},
		});
		expect(error.message).toBe('Invalid "Settings to Change": add at least one setting to change');
		expect(http).toHaveLength(0);
	});
});

describe('entry', () => {
	it('renames and removes entries, hierarchical names included', async () => {
		await client.createBucket('ent');
		await writeRaw('ent', 'robot/cam-1', 1n, 'x');
		await writeRaw('ent', 'gone', 1n, 'y');
		const renamed = await run({
			resource: 'entry',
			operation: 'rename',
			bucket: byName('ent'),
			entry: byName('robot/cam-1'),
			newName: 'robot/cam-2',
		});
		expect(renamed.items[0].json).toEqual({
			bucket: 'ent',
			entry: 'robot/cam-2',
			previousName: 'robot/cam-1',
			renamed: true,
		});
		expect((await readBack('ent', 'robot/cam-2', 1n)).body.toString()).toBe('x');
		expect(requestsTo('/api/v1/b/ent/robot/cam-1/rename', 'PUT')).toHaveLength(1);

		const removed = await run({
			resource: 'entry',
			operation: 'remove',
			bucket: byName('ent'),
			entry: byName('gone'),
		});
		expect(removed.items[0].json).toEqual({ bucket: 'ent', entry: 'gone', removed: true });
		expect((await (await client.getBucket('ent')).getEntryList()).map((e) => e.name)).toEqual([
			'robot/cam-2',
		]);
	});
});

describe('record: write', () => {
	beforeAll(async () => {
		await client.createBucket('w');
	});

	it('writes a text record with labels at an ISO timestamp', async () => {
		const { items } = await run(
			record('write', {
				bucket: byName('w'),
				entry: byName('notes'),
				inputSource: 'text',
				textData: 'hello, reduct',
				timestamp: '2026-01-31T12:00:00.123456Z',
				labels: {
					label: [
						{ name: 'Sensor', value: 'kitchen' },
						{ name: 'list', value: 'a,b' },
					],
				},
			}),
		);
		expect(items[0].json).toEqual({
			bucket: 'w',
			entry: 'notes',
			timestamp: 1769860800123456,
			time: '2026-01-31T12:00:00.123456Z',
			size: 13,
			contentType: 'text/plain',
			labels: { sensor: 'kitchen', list: 'a,b' },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const back = await readBack('w', 'notes', 1769860800123456n);
		expect(back).toMatchObject({
			labels: { sensor: 'kitchen', list: 'a,b' },
			contentType: 'text/plain',
		});
		expect(back.body.toString()).toBe('hello, reduct');
	});

	it("streams a binary from n8n's store with its length and MIME type", async () => {
		const payload = randomBytes(200_000);
		const { items, context } = await run(
			record('write', {
				bucket: byName('w'),
				entry: byName('images'),
				timestamp: '1700000000000001',
			}),
			{ files: [{ text: payload, fileName: 'cam.jpg', mimeType: 'image/jpeg' }] },
		);
		expect(items[0].json).toMatchObject({
			timestamp: 1700000000000001,
			size: payload.length,
			contentType: 'image/jpeg',
			labels: {},
		});
		const [call] = context.http;
		expect(call).toMatchObject({ method: 'POST', streamed: true });
		expect(call.url).toBe(`${fake.url}/api/v1/b/w/images?ts=1700000000000001`);
		expect(call.headers['content-length']).toBe(String(payload.length));
		expect(context.openedStreams).toHaveLength(1);
		const back = await readBack('w', 'images', 1700000000000001n);
		expect(back.contentType).toBe('image/jpeg');
		expect(back.body.equals(payload)).toBe(true);
	});

	it('writes JSON, and gives items written "now" distinct increasing timestamps', async () => {
		const before = BigInt(Date.now()) * 1000n;
		const { items } = await run(
			(i) =>
				record('write', {
					bucket: byName('w'),
					entry: byName('events'),
					inputSource: 'json',
					jsonData: `{"n": ${i}}`,
					timestamp: 'now',
				}),
			{ items: [{ json: {} }, { json: {} }, { json: {} }] },
		);
		const stamps = items.map((item) => BigInt(item.json.timestamp as number));
		expect(new Set(stamps).size).toBe(3);
		expect(stamps[0] >= before && stamps[0] < stamps[1] && stamps[1] < stamps[2]).toBe(true);
		const stored = await all('w', 'events');
		expect(stored.map((r) => [r.time, r.body, r.contentType])).toEqual([
			[stamps[0], '{"n":0}', 'application/json'],
			[stamps[1], '{"n":1}', 'application/json'],
			[stamps[2], '{"n":2}', 'application/json'],
		]);
	});

	it("reports the server's conflict for a taken timestamp, and continues on fail when asked", async () => {
		const params = record('write', {
			bucket: byName('w'),
			entry: byName('notes'),
			inputSource: 'text',
			textData: 'again',
			timestamp: '1769860800123456',
		});
		const { error } = await failure(params);
		expect(error.message).toBe(
			'The service returned HTTP 409: A record with timestamp 1769860800123456 already exists',
		);
		const { items } = await run(params, { continueOnFail: true });
		expect(items[0].json.error).toBe(
			'The service returned HTTP 409: A record with timestamp 1769860800123456 already exists',
		);
		expect((await readBack('w', 'notes', 1769860800123456n)).body.toString()).toBe('hello, reduct');
	});
});

describe('record: write many (batched)', () => {
	beforeAll(async () => {
		await client.createBucket('wb');
	});

	it('sends the items as one batch request, bodies in timestamp order', async () => {
		const files = [
			{ text: 'third', mimeType: 'text/plain', json: { ts: 3000, tag: 'c' } },
			{
				text: Buffer.from([0, 1, 2, 255]),
				mimeType: 'application/octet-stream',
				json: { ts: 1000, tag: 'x,y' },
			},
			{ text: 'second', mimeType: 'text/plain', json: { ts: 2000, tag: 'b' } },
		];
		const before = requestsTo('/api/v1/b/wb/', 'POST').length;
		const { items, context } = await run(
			(i) =>
				record('writeBatch', {
					bucket: byName('wb'),
					entry: byName('cam'),
					timestamp: String(files[i].json.ts),
					labels: { label: [{ name: 'tag', value: files[i].json.tag }] },
				}),
			{ files },
		);
		expect(requestsTo('/api/v1/b/wb/', 'POST').length - before).toBe(1);
		const [call] = context.http;
		expect(call.url).toBe(`${fake.url}/api/v1/b/wb/cam/batch`);
		expect(call.streamed).toBe(true);
		expect(call.headers).toMatchObject({
			'x-reduct-time-1000': '4,application/octet-stream,tag="x,y"',
			'x-reduct-time-2000': '6,text/plain,tag=b',
			'x-reduct-time-3000': '5,text/plain,tag=c',
			'content-length': '15',
		});
		// outputs follow the input order, paired with their items
		expect(items.map((item) => [item.json.timestamp, item.pairedItem])).toEqual([
			[3000, { item: 0 }],
			[1000, { item: 1 }],
			[2000, { item: 2 }],
		]);
		expect(await all('wb', 'cam')).toEqual([
			{
				time: 1000n,
				labels: { tag: 'x,y' },
				contentType: 'application/octet-stream',
				body: '\u0000\u0001\u0002\ufffd',
			},
			{ time: 2000n, labels: { tag: 'b' }, contentType: 'text/plain', body: 'second' },
			{ time: 3000n, labels: { tag: 'c' }, contentType: 'text/plain', body: 'third' },
		]);
	});

	it('splits large inputs and separate entries into several requests', async () => {
		const count = 170;
		const before = requestsTo('/api/v1/b/wb/', 'POST').length;
		const { items } = await run(
			(i) =>
				record('writeBatch', {
					bucket: byName('wb'),
					entry: byName(i % 10 === 0 ? 'side' : 'bulk'),
					inputSource: 'text',
					textData: `rec-${i}`,
					timestamp: String(10_000 + i),
				}),
			{ items: Array.from({ length: count }, () => ({ json: {} })) },
		);
		expect(items).toHaveLength(count);
		// 153 records for "bulk" -> 80 + 73, 17 for "side" -> 1
		expect(requestsTo('/api/v1/b/wb/bulk/batch', 'POST')).toHaveLength(2);
		expect(requestsTo('/api/v1/b/wb/side/batch', 'POST')).toHaveLength(1);
		expect(requestsTo('/api/v1/b/wb/', 'POST').length - before).toBe(3);
		const bulk = await all('wb', 'bulk');
		expect(bulk).toHaveLength(153);
		expect(bulk[100].body).toBe(`rec-${Number(bulk[100].time) - 10_000}`);
		expect((await all('wb', 'side')).map((r) => r.body)).toEqual(
			Array.from({ length: 17 }, (_, k) => `rec-${k * 10}`),
		);
	});

	it('turns per-record failures into item errors with Continue On Fail, an error otherwise', async () => {
		await writeRaw('wb', 'dup', 2n, 'exists');
		const params = (i: number) =>
			record('writeBatch', {
				bucket: byName('wb'),
				entry: byName('dup'),
				inputSource: 'text',
				textData: `v${i}`,
				timestamp: String(i + 1),
			});
		const items3 = Array.from({ length: 3 }, () => ({ json: {} }));
		const { items } = await run(params, { items: items3, continueOnFail: true });
		expect(items.map((item) => item.json.error ?? 'ok')).toEqual([
			'ok',
			'The server did not write the record at 2 (HTTP 409): A record with timestamp 2 already exists',
			'ok',
		]);
		expect((await all('wb', 'dup')).map((r) => r.body)).toEqual(['v0', 'exists', 'v2']);

		await writeRaw('wb', 'dup2', 2n, 'exists');
		const { error } = await failure((i: number) => ({ ...params(i), entry: byName('dup2') }), {
			items: Array.from({ length: 3 }, () => ({ json: {} })),
		});
		expect(error.message).toBe(
			'1 of 3 records were not written to "wb/dup2": item 1: HTTP 409 A record with timestamp 2 already exists',
		);
		expect(error.description).toBe('The other 2 records of this batch were written.');
	});

	it('writes nothing when one item is invalid', async () => {
		const before = fake.requests.length;
		const { error, http } = await failure(
			(i) =>
				record('writeBatch', {
					bucket: byName('wb'),
					entry: byName('never'),
					inputSource: 'text',
					textData: 'x',
					timestamp: i === 2 ? 'yesterday' : String(i + 1),
				}),
			{ items: Array.from({ length: 3 }, () => ({ json: {} })) },
		);
		expect(error.message).toMatch(/^Invalid "Timestamp": "yesterday" is neither an ISO 8601 date/);
		expect(http).toHaveLength(0);
		expect(fake.requests.length).toBe(before);
		expect((await (await client.getBucket('wb')).getEntryList()).map((e) => e.name)).not.toContain(
			'never',
		);

		const twins = await failure(
			() =>
				record('writeBatch', {
					bucket: byName('wb'),
					entry: byName('never'),
					inputSource: 'text',
					textData: 'x',
					timestamp: '5',
				}),
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(twins.error.message).toBe(
			'Invalid "Timestamp": item 0 already writes a record at 5 to entry "never"',
		);
		expect(twins.http).toHaveLength(0);
	});
});

describe('record: read, query, update labels, remove', () => {
	beforeAll(async () => {
		await client.createBucket('rq');
		const bucket = await client.getBucket('rq');
		const batch = bucket.beginWriteRecordBatch();
		for (let i = 0; i < 250; i++) {
			batch.add('series', BigInt(1_000 + i), `body-${i}`, 'text/plain', {
				n: String(i),
				parity: i % 2 ? 'odd' : 'even',
			});
		}
		await batch.send();
		await writeRaw('rq', 'empty-body', 5n, '', { kind: 'marker' });
	});

	it('reads the latest record and one at a timestamp, as binary with labels', async () => {
		const latest = await run(record('read', { bucket: byName('rq'), entry: byName('series') }));
		expect(latest.items[0].json).toEqual({
			bucket: 'rq',
			entry: 'series',
			timestamp: 1249,
			time: '1970-01-01T00:00:00.001249Z',
			size: 8,
			contentType: 'text/plain',
			labels: { n: '249', parity: 'odd' },
		});
		expect(latest.context.bytesOf(latest.items[0].binary?.data).toString()).toBe('body-249');
		expect(latest.items[0].binary?.data).toMatchObject({
			fileName: 'series-1249',
			mimeType: 'text/plain',
		});

		const at = await run(
			record('read', {
				bucket: byName('rq'),
				entry: byName('series'),
				readAt: 'timestamp',
				timestamp: '1970-01-01T00:00:00.001007Z',
				binaryPropertyName: 'file',
			}),
		);
		expect(at.items[0].json).toMatchObject({ timestamp: 1007, labels: { n: '7', parity: 'odd' } });
		expect(at.context.bytesOf(at.items[0].binary?.file).toString()).toBe('body-7');

		const head = await run(
			record('read', {
				bucket: byName('rq'),
				entry: byName('series'),
				readAt: 'timestamp',
				timestamp: '1010',
				options: { onlyMetadata: true },
			}),
		);
		expect(head.items[0].json).toMatchObject({
			timestamp: 1010,
			size: 7,
			labels: { n: '10', parity: 'even' },
		});
		expect(head.items[0].binary).toBeUndefined();
		expect(head.context.http[0].method).toBe('HEAD');

		const { error } = await failure(
			record('read', {
				bucket: byName('rq'),
				entry: byName('series'),
				readAt: 'timestamp',
				timestamp: '5',
			}),
		);
		expect(error.message).toBe('The service returned HTTP 404: No record with timestamp 5');
	});

	it('queries a time range with a condition and a limit, one item per record with its binary', async () => {
		const { items, context } = await run(
			record('query', {
				bucket: byName('rq'),
				entry: byName('series'),
				start: '1010',
				stop: '1100',
				when: '{"&parity": {"$eq": "odd"}, "&n": {"$gte": 20}}',
				limit: 3,
			}),
		);
		expect(items.map((item) => [item.json.timestamp, item.json.labels])).toEqual([
			[1021, { n: '21', parity: 'odd' }],
			[1023, { n: '23', parity: 'odd' }],
			[1025, { n: '25', parity: 'odd' }],
		]);
		expect(items.map((item) => context.bytesOf(item.binary?.data).toString())).toEqual([
			'body-21',
			'body-23',
			'body-25',
		]);
		const [start] = context.http;
		expect(start.url).toBe(`${fake.url}/api/v1/b/rq/series/q`);
	});

	it('returns every record over several batches with Return All', async () => {
		const { items, context } = await run(
			record('query', { bucket: byName('rq'), entry: byName('series'), returnAll: true }),
		);
		expect(items).toHaveLength(250);
		expect(items.map((item) => context.bytesOf(item.binary?.data).toString())).toEqual(
			Array.from({ length: 250 }, (_, i) => `body-${i}`),
		);
		expect(items[249].json.labels).toEqual({ n: '249', parity: 'odd' });
		expect(
			context.http.filter((call) => call.url.includes('/batch')).length,
		).toBeGreaterThanOrEqual(3);

		const meta = await run(
			record('query', {
				bucket: byName('rq'),
				entry: byName('series'),
				returnAll: true,
				when: '{"&n": {"$lt": 3}}',
				options: { onlyMetadata: true },
			}),
		);
		expect(meta.items.map((item) => [item.json.timestamp, item.json.size, item.binary])).toEqual([
			[1000, 6, undefined],
			[1001, 6, undefined],
			[1002, 6, undefined],
		]);

		const empty = await run(
			record('query', { bucket: byName('rq'), entry: byName('empty-body'), returnAll: true }),
		);
		expect(empty.items).toHaveLength(1);
		expect(empty.items[0].json).toMatchObject({ size: 0, labels: { kind: 'marker' } });
		expect(empty.context.bytesOf(empty.items[0].binary?.data).length).toBe(0);

		const none = await run(
			record('query', {
				bucket: byName('rq'),
				entry: byName('series'),
				start: '5000',
				returnAll: true,
			}),
		);
		expect(none.items).toEqual([]);
	});

	it("passes the server's verdict on a condition it refuses", async () => {
		const unsupported = await failure(
			record('query', {
				bucket: byName('rq'),
				entry: byName('series'),
				when: '{"&n": {"$regex": "x"}}',
			}),
		);
		expect(unsupported.error.message).toBe(
			"The service returned HTTP 422: Operator '$regex' not supported",
		);
		const strict = await failure(
			record('query', {
				bucket: byName('rq'),
				entry: byName('series'),
				when: '{"&missing": {"$eq": 1}}',
				options: { strict: true },
			}),
		);
		expect(strict.error.message).toBe(
			"The service returned HTTP 404: Reference 'missing' not found",
		);
	});

	it('updates labels: sets, changes and removes', async () => {
		await writeRaw('rq', 'labelled', 7n, 'x', { a: '1', b: 'keep', c: 'drop' });
		const { items, context } = await run(
			record('updateLabels', {
				bucket: byName('rq'),
				entry: byName('labelled'),
				timestamp: '7',
				labels: {
					label: [
						{ name: 'a', value: '10' },
						{ name: 'new', value: 'yes' },
					],
				},
				removeLabels: 'c',
			}),
		);
		expect(items[0].json).toMatchObject({
			timestamp: 7,
			labels: { a: '10', b: 'keep', new: 'yes' },
		});
		expect(context.http[0]).toMatchObject({ method: 'PATCH' });
		expect(context.http[0].headers).toMatchObject({
			'x-reduct-label-a': '10',
			'x-reduct-label-new': 'yes',
			'x-reduct-label-c': '',
		});
		expect((await readBack('rq', 'labelled', 7n)).labels).toEqual({
			a: '10',
			b: 'keep',
			new: 'yes',
		});
	});

	it('removes one record, a time range and the records matching a condition', async () => {
		const batch = (await client.getBucket('rq')).beginWriteRecordBatch();
		for (let i = 1; i <= 10; i++)
			batch.add('rm', BigInt(i), `v${i}`, 'text/plain', { n: String(i) });
		await batch.send();

		const one = await run(
			record('remove', { bucket: byName('rq'), entry: byName('rm'), timestamp: '1' }),
		);
		expect(one.items[0].json).toEqual({
			bucket: 'rq',
			entry: 'rm',
			removedRecords: 1,
			timestamp: 1,
		});
		const range = await run(
			record('remove', {
				bucket: byName('rq'),
				entry: byName('rm'),
				removeMode: 'range',
				start: '2',
				stop: '4',
			}),
		);
		expect(range.items[0].json).toEqual({ bucket: 'rq', entry: 'rm', removedRecords: 2 });
		const query = await run(
			record('remove', {
				bucket: byName('rq'),
				entry: byName('rm'),
				removeMode: 'query',
				when: '{"&n": {"$gte": 8}}',
			}),
		);
		expect(query.items[0].json).toEqual({ bucket: 'rq', entry: 'rm', removedRecords: 3 });
		expect((await all('rq', 'rm')).map((r) => r.body)).toEqual(['v4', 'v5', 'v6', 'v7']);

		const missing = await failure(
			record('remove', { bucket: byName('rq'), entry: byName('rm'), timestamp: '1' }),
		);
		expect(missing.error.message).toBe('The service returned HTTP 404: No record with timestamp 1');
		const unbounded = await failure(
			record('remove', { bucket: byName('rq'), entry: byName('rm'), removeMode: 'range' }),
		);
		expect(unbounded.error.message).toBe(
			'Invalid "Start": set "Start", "Stop" or both (to remove the whole entry use Entry → Remove)',
		);
		expect(unbounded.http).toHaveLength(0);
		const noCondition = await failure(
			record('remove', {
				bucket: byName('rq'),
				entry: byName('rm'),
				removeMode: 'query',
				when: '',
			}),
		);
		expect(noCondition.error.message).toBe(
			'Invalid "When Condition": a condition is needed to remove matching records',
		);
		expect(await all('rq', 'rm')).toHaveLength(4);
	});
});

describe('bad input: clear errors naming the parameter, nothing sent', () => {
	const write = (extra: Params) =>
		record('write', {
			bucket: byName('w'),
			entry: byName('bad'),
			inputSource: 'text',
			textData: 'x',
			timestamp: '1',
			...extra,
		});

	it.each([
		[
			'a bucket name with spaces',
			{ bucket: byName('bad name!') },
			'Invalid "Bucket": "bad name!" may contain only letters, digits, "-" and "_"',
		],
		[
			'an entry name with spaces',
			{ entry: byName('bad entry') },
			'Invalid "Entry": "bad entry" may contain only letters, digits, "-" and "_", in segments separated by "/"',
		],
		[
			'an entry name with an empty segment',
			{ entry: byName('a//b') },
			'Invalid "Entry": "a//b" may contain only letters, digits, "-" and "_", in segments separated by "/"',
		],
		[
			'a timestamp neither ISO nor an integer',
			{ timestamp: '31/01/2026' },
			'Invalid "Timestamp": "31/01/2026" is neither an ISO 8601 date (e.g. 2026-01-31T12:00:00Z) nor a whole number of microseconds since 1970',
		],
		[
			'a fractional timestamp',
			{ timestamp: '1.5' },
			'Invalid "Timestamp": "1.5" is neither an ISO 8601 date (e.g. 2026-01-31T12:00:00Z) nor a whole number of microseconds since 1970',
		],
		[
			'81 labels',
			{ labels: { label: Array.from({ length: 81 }, (_, i) => ({ name: `l${i}`, value: 'v' })) } },
			'Invalid "Labels": 81 labels are too many: a record can carry at most 80',
		],
		[
			'a label set over 8 KiB',
			{ labels: { label: [{ name: 'big', value: 'x'.repeat(9000) }] } },
			'Invalid "Labels": the labels take 9003 bytes: names and values together must fit in 8192 bytes',
		],
		[
			'a label name with a space',
			{ labels: { label: [{ name: 'bad name', value: 'v' }] } },
			'Invalid "Labels": label name "bad name" may contain only letters, digits, "-" and "_"',
		],
		[
			'a non-ASCII label value',
			{ labels: { label: [{ name: 'city', value: 'Zürich' }] } },
			'Invalid "Labels": the value of label "city" contains characters other than printable ASCII (labels travel as HTTP headers)',
		],
		[
			'malformed JSON data',
			{ inputSource: 'json', jsonData: '{"a": ' },
			/^Invalid "JSON Data": it is not valid JSON/,
		],
	])('write with %s', async (_case, extra, message) => {
		const before = fake.requests.length;
		const { error, http } = await failure(write(extra as Params));
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(error.description).toMatch(/^Check the parameter "/);
		expect(http).toHaveLength(0);
		expect(fake.requests.length).toBe(before);
	});

	it.each([
		['{"&n": ', /^Invalid "When Condition": it is not valid JSON \(/],
		['[1, 2]', /^Invalid "When Condition": it must be a JSON object/],
		['"text"', /^Invalid "When Condition": it must be a JSON object/],
	])('query with when %s', async (when, message) => {
		const { error, http } = await failure(
			record('query', { bucket: byName('rq'), entry: byName('series'), when }),
		);
		expect(error.message).toMatch(message);
		expect(http).toHaveLength(0);
	});

	it('refuses a Stop before Start and a missing binary property', async () => {
		const range = await failure(
			record('query', {
				bucket: byName('rq'),
				entry: byName('series'),
				start: '2000',
				stop: '1000',
			}),
		);
		expect(range.error.message).toBe('Invalid "Stop": it must be after "Start" (2000 µs)');
		const binary = await failure(
			record('write', { bucket: byName('w'), entry: byName('bad'), binaryPropertyName: 'missing' }),
			{ files: [{ text: 'x' }] },
		);
		expect(binary.error.message).toBe(
			'Invalid "Input Binary Field": the input item has no binary property "missing"',
		);
		expect(binary.http).toHaveLength(0);
	});
});

describe('token', () => {
	it('creates a token whose value works, gets, lists, rotates and removes it', async () => {
		await client.createBucket('tok-a');
		const created = await run({
			resource: 'token',
			operation: 'create',
			tokenName: 'reader',
			read: 'tok-a, tok-b*',
			write: 'tok-a',
		});
		const value = created.items[0].json.value as string;
		expect(created.items[0].json).toMatchObject({
			name: 'reader',
			permissions: { full_access: false, read: ['tok-a', 'tok-b*'], write: ['tok-a'] },
		});
		expect((await new Client(fake.url, { apiToken: value }).me()).name).toBe('reader');

		const got = await run({ resource: 'token', operation: 'get', tokenName: 'reader' });
		expect(got.items[0].json).toMatchObject({
			name: 'reader',
			is_provisioned: false,
			permissions: { read: ['tok-a', 'tok-b*'] },
		});
		expect(got.items[0].json.value).toBeUndefined();
		const listed = await run({ resource: 'token', operation: 'list' });
		expect(listed.items.map((item) => item.json.name)).toEqual(
			expect.arrayContaining(['init-token', 'reader']),
		);

		const rotated = await run({ resource: 'token', operation: 'rotate', tokenName: 'reader' });
		expect(rotated.items[0].json.value).not.toBe(value);
		await expect(new Client(fake.url, { apiToken: value }).me()).rejects.toMatchObject({
			status: 401,
		});
		expect(
			(await new Client(fake.url, { apiToken: rotated.items[0].json.value as string }).me()).name,
		).toBe('reader');

		const full = await run({
			resource: 'token',
			operation: 'create',
			tokenName: 'admin-2',
			fullAccess: true,
			options: { ttl: 3600, ipAllowlist: '127.0.0.1' },
		});
		expect(await client.getToken('admin-2')).toMatchObject({
			permissions: { fullAccess: true },
			ttl: 3600,
			ipAllowlist: ['127.0.0.1'],
		});
		expect(
			(await new Client(fake.url, { apiToken: full.items[0].json.value as string }).me()).name,
		).toBe('admin-2');

		const removed = await run({ resource: 'token', operation: 'remove', tokenName: 'reader' });
		expect(removed.items[0].json).toEqual({ name: 'reader', removed: true });
		await expect(client.getToken('reader')).rejects.toMatchObject({ status: 404 });

		const dup = await failure({
			resource: 'token',
			operation: 'create',
			tokenName: 'admin-2',
			fullAccess: true,
		});
		expect(dup.error.message).toBe("The service returned HTTP 409: Token 'admin-2' already exists");
		const bad = await failure({
			resource: 'token',
			operation: 'create',
			tokenName: 'x',
			read: 'no spaces allowed',
		});
		expect(bad.error.message).toBe(
			'Invalid "Read Buckets": "no spaces allowed" is not a bucket name (letters, digits, "-" and "_") or a prefix ending with "*"',
		);
		expect(bad.http).toHaveLength(0);
	});

	it("passes the server's permission errors on", async () => {
		await client.createBucket('tok-ro');
		const value = await client.createToken('ro-node', {
			fullAccess: false,
			read: ['tok-ro'],
			write: [],
		});
		const context = createReductContext({
			url: fake.url,
			token: value,
			params: record('write', {
				bucket: byName('tok-ro'),
				entry: byName('e'),
				inputSource: 'text',
				textData: 'no',
				timestamp: '1',
			}),
		});
		await expect(context.run()).rejects.toThrow(
			"The service returned HTTP 403: Token 'ro-node' doesn't have write access to bucket 'tok-ro'",
		);
	});
});

describe('replication', () => {
	it('creates, lists, gets with diagnostics, updates (keeping other settings), sets the mode and deletes', async () => {
		await client.createBucket('rep-src');
		const created = await run({
			resource: 'replication',
			operation: 'create',
			replicationName: 'to-backup',
			srcBucket: byName('rep-src'),
			dstHost: 'http://127.0.0.1:1',
			dstBucket: 'rep-dst',
			options: {
				dstToken: 'dst-secret-token',
				entries: 'cam-*, lidar',
				when: '{"&ok": {"$eq": true}}',
				mode: 'paused',
			},
		});
		expect(created.items[0].json).toMatchObject({ name: 'to-backup', created: true });
		expect(JSON.stringify(created.items[0].json)).not.toContain('dst-secret-token');
		const full = await client.getReplication('to-backup');
		expect(full.settings).toMatchObject({
			srcBucket: 'rep-src',
			dstBucket: 'rep-dst',
			entries: ['cam-*', 'lidar'],
			when: { '&ok': { $eq: true } },
			mode: 'paused',
		});

		const listed = await run({ resource: 'replication', operation: 'list' });
		expect(listed.items.map((item) => item.json)).toEqual([
			{
				name: 'to-backup',
				mode: 'paused',
				is_provisioned: false,
				is_active: false,
				pending_records: 0,
			},
		]);

		await writeRaw('rep-src', 'cam-1', 1n, 'x');
		const got = await run({
			resource: 'replication',
			operation: 'get',
			replicationName: 'to-backup',
		});
		expect(got.items[0].json).toMatchObject({
			info: { name: 'to-backup', pending_records: 1 },
			settings: { dst_bucket: 'rep-dst' },
			diagnostics: { hourly: { ok: 0, errored: 0, errors: {} } },
		});

		const updated = await run({
			resource: 'replication',
			operation: 'update',
			replicationName: 'to-backup',
			updateFields: { dstBucket: 'rep-dst-2' },
		});
		expect(updated.items[0].json).toMatchObject({
			updated: true,
			settings: { dst_bucket: 'rep-dst-2', entries: ['cam-*', 'lidar'] },
		});
		expect((await client.getReplication('to-backup')).settings).toMatchObject({
			dstBucket: 'rep-dst-2',
			entries: ['cam-*', 'lidar'],
			mode: 'paused',
		});

		const mode = await run({
			resource: 'replication',
			operation: 'setMode',
			replicationName: 'to-backup',
			mode: 'disabled',
		});
		expect(mode.items[0].json).toEqual({ name: 'to-backup', mode: 'disabled' });
		expect((await client.getReplicationList())[0].mode).toBe('disabled');

		const bad = await failure({
			resource: 'replication',
			operation: 'create',
			replicationName: 'r2',
			srcBucket: byName('rep-src'),
			dstHost: 'ftp://x',
			dstBucket: 'd',
		});
		expect(bad.error.message).toBe(
			'Invalid "Destination Server URL": the address must start with https:// (or http:// for a server on this machine), not "ftp:"',
		);
		const refused = await failure({
			resource: 'replication',
			operation: 'create',
			replicationName: 'r2',
			srcBucket: byName('missing'),
			dstHost: 'http://127.0.0.1:1',
			dstBucket: 'd',
		});
		expect(refused.error.message).toBe(
			"The service returned HTTP 404: Source bucket 'missing' for replication 'r2' does not exist",
		);

		const deleted = await run({
			resource: 'replication',
			operation: 'delete',
			replicationName: 'to-backup',
		});
		expect(deleted.items[0].json).toEqual({ name: 'to-backup', deleted: true });
		expect(await client.getReplicationList()).toEqual([]);
	});
});

describe('pickers (listSearch)', () => {
	function loadOptions(parameters: Record<string, unknown>): ILoadOptionsFunctions {
		const credentials = { url: fake.url, apiToken: TOKEN };
		const http: HttpLog[] = [];
		const node = {
			id: 'n',
			name: 'ReductStore',
			type: 'x',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		return {
			getNode: () => node,
			getCredentials: async () => credentials,
			getCurrentNodeParameter: (name: string) => {
				const value = parameters[name] as { value?: unknown } | undefined;
				return value && typeof value === 'object' ? value.value : value;
			},
			helpers: {
				httpRequestWithAuthentication: httpRequestWithAuthentication(
					() => node,
					() => credentials,
					http,
				),
			},
		} as unknown as ILoadOptionsFunctions;
	}

	it('lists buckets and the entries of the chosen bucket, filtered', async () => {
		await client.createBucket('pick-me');
		await writeRaw('pick-me', 'zeta', 1n, 'z');
		await writeRaw('pick-me', 'alpha/one', 1n, 'a');
		const buckets = await searchBuckets.call(loadOptions({}), 'pick');
		expect(buckets.results).toEqual([{ name: 'pick-me', value: 'pick-me' }]);
		const entries = await searchEntries.call(loadOptions({ bucket: byName('pick-me') }));
		expect(entries.results.map((r) => r.value)).toEqual(['alpha/one', 'zeta']);
		expect(
			(await searchEntries.call(loadOptions({ bucket: byName('pick-me') }), 'ZET')).results,
		).toEqual([{ name: 'zeta', value: 'zeta' }]);
		expect((await searchEntries.call(loadOptions({ bucket: byName('') }))).results).toEqual([]);
	});
});
