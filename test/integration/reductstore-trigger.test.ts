/**
 * The ReductStore Trigger's polls against the ReductStore fake: records are written with the
 * official reduct-js client between polls, and each poll's output is checked.
 */
import { Client } from 'reduct-js';

import { type ReductFake, startReductFake } from '../fakes/reductstore/server';
import { byName, createPollContext } from '../helpers/reductContext';
import type { Params } from '../helpers/executeContext';

const TOKEN = 'trigger-test-token';

let fake: ReductFake;
let client: Client;

beforeAll(async () => {
	fake = await startReductFake({ apiToken: TOKEN });
	client = new Client(fake.url, { apiToken: TOKEN });
});

afterAll(async () => {
	await fake.close();
});

async function write(
	bucket: string,
	entry: string,
	ts: bigint,
	body: string,
	labels: Record<string, string> = {},
) {
	await (
		await (
			await client.getBucket(bucket)
		).beginWrite(entry, { ts, labels, contentType: 'text/plain' })
	).write(body);
}

function trigger(params: Params, mode: 'trigger' | 'manual' = 'trigger') {
	return createPollContext({ url: fake.url, token: TOKEN, params, mode });
}

const stamps = (items: Array<{ json: Record<string, unknown> }> | null) =>
	(items ?? []).map((item) => item.json.timestamp);

describe('ReductStore Trigger', () => {
	it('starts from "now", then emits each new record once, oldest first, with its content', async () => {
		await client.createBucket('trg');
		await write('trg', 'cam', 100n, 'old-1');
		await write('trg', 'cam', 200n, 'old-2');
		const t = trigger({ bucket: byName('trg'), entry: byName('cam') });

		expect(await t.poll()).toBeNull(); // activation: what exists is not emitted
		expect(t.staticData.state).toEqual({ watermark: '200', seen: ['200'] });
		expect(await t.poll()).toBeNull();

		await write('trg', 'cam', 300n, 'new-1', { n: '1' });
		await write('trg', 'cam', 250n, 'late-but-after-watermark');
		const first = await t.poll();
		expect(stamps(first)).toEqual([250, 300]);
		expect(first![1].json).toMatchObject({
			bucket: 'trg',
			entry: 'cam',
			size: 5,
			contentType: 'text/plain',
			labels: { n: '1' },
		});
		expect(first!.map((item) => t.bytesOf(item.binary?.data).toString())).toEqual([
			'late-but-after-watermark',
			'new-1',
		]);
		expect(first![1].binary?.data).toMatchObject({ fileName: 'cam-300', mimeType: 'text/plain' });

		expect(await t.poll()).toBeNull(); // nothing twice

		await write('trg', 'cam', 301n, 'next');
		expect(stamps(await t.poll())).toEqual([301]);
		expect(await t.poll()).toBeNull();
	});

	it('filters by a when condition and can leave the content out', async () => {
		await client.createBucket('trg-when');
		await write('trg-when', 'e', 1n, 'seed');
		const t = trigger({
			bucket: byName('trg-when'),
			entry: byName('e'),
			when: '{"&level": {"$eq": "alarm"}}',
			download: false,
		});
		expect(await t.poll()).toBeNull();
		await write('trg-when', 'e', 2n, 'a', { level: 'info' });
		await write('trg-when', 'e', 3n, 'b', { level: 'alarm' });
		await write('trg-when', 'e', 4n, 'c', { level: 'alarm' });
		const items = await t.poll();
		expect(stamps(items)).toEqual([3, 4]);
		expect(items![0].binary).toBeUndefined();
		expect(items![0].json.labels).toEqual({ level: 'alarm' });
		expect(await t.poll()).toBeNull();
	});

	it('emits at most Max Records per Poll and the rest at the next polls, skipping none', async () => {
		await client.createBucket('trg-cap');
		await write('trg-cap', 'e', 1n, 'seed');
		const t = trigger({
			bucket: byName('trg-cap'),
			entry: byName('e'),
			options: { maxRecords: 4 },
		});
		expect(await t.poll()).toBeNull();
		const batch = (await client.getBucket('trg-cap')).beginWriteRecordBatch();
		for (let i = 10; i < 20; i++) batch.add('e', BigInt(i), `v${i}`, 'text/plain');
		await batch.send();
		expect(stamps(await t.poll())).toEqual([10, 11, 12, 13]);
		expect(stamps(await t.poll())).toEqual([14, 15, 16, 17]);
		expect(stamps(await t.poll())).toEqual([18, 19]);
		expect(await t.poll()).toBeNull();
	});

	it('picks up a record written late inside the lookback window, never one seen before', async () => {
		await client.createBucket('trg-late');
		await write('trg-late', 'e', 10_000_000n, 'seed');
		await write('trg-late', 'e', 9_000_000n, 'older-seed');
		const t = trigger({
			bucket: byName('trg-late'),
			entry: byName('e'),
			options: { lookbackSeconds: 5 },
		});
		expect(await t.poll()).toBeNull();
		await write('trg-late', 'e', 12_000_000n, 'new');
		expect(stamps(await t.poll())).toEqual([12_000_000]);
		// a writer with a lagging clock: behind the newest record, inside the 5 s window
		await write('trg-late', 'e', 8_000_000n, 'late');
		await write('trg-late', 'e', 6_000_000n, 'too-late');
		const late = await t.poll();
		expect(stamps(late)).toEqual([8_000_000]);
		expect(t.bytesOf(late![0].binary?.data).toString()).toBe('late');
		expect(await t.poll()).toBeNull();

		// without lookback, the late record is behind the watermark
		const strict = trigger({ bucket: byName('trg-late'), entry: byName('e') });
		expect(await strict.poll()).toBeNull();
		await write('trg-late', 'e', 11_000_000n, 'late-again');
		expect(await strict.poll()).toBeNull();
	});

	it('emits every record of an entry created after activation', async () => {
		await client.createBucket('trg-new');
		const t = trigger({ bucket: byName('trg-new'), entry: byName('robot/cam') });
		expect(await t.poll()).toBeNull();
		expect(t.staticData.state).toEqual({ watermark: '0', seen: [] });
		expect(await t.poll()).toBeNull(); // still no entry: no records, no error
		await write('trg-new', 'robot/cam', 5n, 'first');
		await write('trg-new', 'robot/cam', 6n, 'second');
		expect(stamps(await t.poll())).toEqual([5, 6]);
		expect(await t.poll()).toBeNull();
	});

	it('starts afresh when its bucket, entry or condition changes', async () => {
		await client.createBucket('trg-switch');
		await write('trg-switch', 'a', 1n, 'a1');
		await write('trg-switch', 'b', 50n, 'b1');
		const t = trigger({ bucket: byName('trg-switch'), entry: byName('a') });
		expect(await t.poll()).toBeNull();
		const switched = createPollContext({
			url: fake.url,
			token: TOKEN,
			params: { bucket: byName('trg-switch'), entry: byName('b') },
			staticData: t.staticData,
		});
		expect(await switched.poll()).toBeNull(); // b's existing record is not emitted
		expect(t.staticData.state).toEqual({ watermark: '50', seen: ['50'] });
	});

	it('shows the newest (matching) record on "Fetch Test Event"', async () => {
		await client.createBucket('trg-manual');
		await write('trg-manual', 'e', 1n, 'one', { kind: 'x' });
		await write('trg-manual', 'e', 2n, 'two', { kind: 'y' });
		const latest = trigger({ bucket: byName('trg-manual'), entry: byName('e') }, 'manual');
		const items = await latest.poll();
		expect(stamps(items)).toEqual([2]);
		expect(latest.bytesOf(items![0].binary?.data).toString()).toBe('two');
		expect(latest.staticData.state).toBeUndefined();

		const matching = trigger(
			{ bucket: byName('trg-manual'), entry: byName('e'), when: '{"&kind": {"$eq": "x"}}' },
			'manual',
		);
		expect(stamps(await matching.poll())).toEqual([1]);
		expect(
			await trigger({ bucket: byName('trg-manual'), entry: byName('none') }, 'manual').poll(),
		).toBeNull();
	});

	it('fails clearly on bad input and on a missing bucket', async () => {
		await expect(
			trigger({ bucket: byName('bad name'), entry: byName('e') }).poll(),
		).rejects.toThrow('Invalid "Bucket": "bad name" may contain only letters, digits, "-" and "_"');
		await expect(
			trigger({ bucket: byName('trg'), entry: byName('cam'), when: '{oops' }).poll(),
		).rejects.toThrow(/^Invalid "When Condition": it is not valid JSON/);
		await expect(
			trigger({ bucket: byName('no-such-bucket'), entry: byName('e') }).poll(),
		).rejects.toThrow("The service returned HTTP 404: Bucket 'no-such-bucket' is not found");
	});
});
