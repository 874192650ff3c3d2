/**
 * The ReductStore node and trigger inside a real n8n, against the ReductStore fake running in this
 * jest process on 127.0.0.1 (the fake is checked by the official reduct-js client in
 * test/integration/reductstore-fake.test.ts). What n8n wrote is read back with reduct-js.
 */
import { createHash, randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { Client } from 'reduct-js';

import { type ReductFake, startReductFake } from '../fakes/reductstore/server';
import { N8nInstance } from './harness/n8n';
import { freePort } from './harness/ports';
import { PACK, locator, manualTrigger, workflow, type WorkflowNode } from './harness/workflow';

jest.setTimeout(10 * 60_000);

const TOKEN = 'e2e-reduct-token-7f3a9c';
const CREDENTIAL = { cloudPackReductStoreApi: { id: 'reductStore01', name: 'ReductStore e2e' } };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const reduct = (
	name: string,
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
	name,
	type: `${PACK}.reductStore`,
	parameters,
	credentials: CREDENTIAL,
	...extra,
});

/** Where n8n's filesystem binary mode stored a binary item. */
function binaryFile(n8n: N8nInstance, binary: { id: string }): string {
	return path.join(n8n.folder, '.n8n', 'storage', binary.id.replace(/^filesystem(-v2)?:/, ''));
}

function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('ReductStore node and trigger, inside a real n8n', () => {
	let fake: ReductFake;
	let client: Client;
	let n8n: N8nInstance;

	beforeAll(async () => {
		fake = await startReductFake({ apiToken: TOKEN });
		client = new Client(fake.url, { apiToken: TOKEN });
		n8n = await N8nInstance.create();
		await n8n.importCredentials([
			{
				id: 'reductStore01',
				name: 'ReductStore e2e',
				type: 'cloudPackReductStoreApi',
				data: { url: fake.url, apiToken: TOKEN, allowUnauthorizedCerts: false },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await fake?.close();
	});

	it('creates a bucket, writes items as one batch, queries them back with their bytes (manual start)', async () => {
		const payloads = [randomBytes(120_000), randomBytes(3), Buffer.from('{"celsius": 21.5}')];
		const files = payloads.map((bytes, i) => ({
			base64: bytes.toString('base64'),
			mime: i === 2 ? 'application/json' : 'application/octet-stream',
			ts: 1_769_860_800_000_000 + i * 1000,
		}));
		const code = `const files = ${JSON.stringify(files)};
const out = [];
for (const [i, f] of files.entries()) {
  out.push({ json: { i, ts: f.ts }, binary: { data: await this.helpers.prepareBinaryData(Buffer.from(f.base64, 'base64'), 'f' + i, f.mime) } });
}
return out;`;
		await n8n.importWorkflow(
			workflow('e2eReductBatch', [
				manualTrigger,
				reduct('Create Bucket', {
					resource: 'bucket',
					operation: 'create',
					bucketName: 'e2e-sensors',
					existOk: true,
					settings: { quotaType: 'FIFO', quotaSize: 100000000 },
				}),
				{ name: 'Make', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } },
				reduct('Write Many', {
					resource: 'record',
					operation: 'writeBatch',
					bucket: locator('e2e-sensors'),
					entry: locator('lab/probe-1'),
					timestamp: '={{ $json.ts }}',
					labels: {
						label: [
							{ name: 'index', value: '={{ $json.i }}' },
							{ name: 'site', value: 'lab,north' },
						],
					},
				}),
				reduct(
					'Query',
					{
						resource: 'record',
						operation: 'query',
						bucket: locator('e2e-sensors'),
						entry: locator('lab/probe-1'),
						start: '2026-01-31T12:00:00Z',
						when: '{"&index": {"$lte": 2}}',
						returnAll: true,
					},
					{ executeOnce: true } as Partial<WorkflowNode>,
				),
			]),
		);
		const run = await n8n.execute('e2eReductBatch');

		expect(run.output('Create Bucket')[0].json).toMatchObject({
			bucket: 'e2e-sensors',
			created: true,
		});
		const written = run.output('Write Many');
		expect(written.map((item) => [item.json.timestamp, item.json.size, item.json.labels])).toEqual(
			files.map((f, i) => [f.ts, payloads[i].length, { index: String(i), site: 'lab,north' }]),
		);
		expect(
			fake.requests.filter(
				(r) => r.method === 'POST' && r.path === '/api/v1/b/e2e-sensors/lab/probe-1/batch',
			),
		).toHaveLength(1);

		const queried = run.output('Query');
		expect(queried.map((item) => item.json.time)).toEqual([
			'2026-01-31T12:00:00.000000Z',
			'2026-01-31T12:00:00.001000Z',
			'2026-01-31T12:00:00.002000Z',
		]);
		expect(queried[2].json).toMatchObject({
			contentType: 'application/json',
			labels: { index: '2', site: 'lab,north' },
		});
		for (const [i, item] of queried.entries()) {
			const binary = item.binary!.data;
			expect(binary.id).toMatch(/^filesystem/);
			expect(sha256(readFileSync(binaryFile(n8n, binary)))).toBe(sha256(payloads[i]));
		}
		const stored = await (
			await client.getBucket('e2e-sensors')
		).beginRead('lab/probe-1', BigInt(files[0].ts));
		expect(sha256(await stored.read())).toBe(sha256(payloads[0]));
	});

	it('stores the body of a real HTTP call to its webhook as a record, then queries it back', async () => {
		await client.getOrCreateBucket('e2e-inbox');
		await n8n.importWorkflow(
			workflow('e2eReductWebhook', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: '8d2c41e7-3f55-4c0b-9d7e-1a6b2f9c0e44',
					parameters: {
						httpMethod: 'POST',
						path: 'reduct-ingest',
						responseMode: 'lastNode',
						options: { rawBody: true },
					},
				},
				reduct('Store', {
					resource: 'record',
					operation: 'write',
					bucket: locator('e2e-inbox'),
					entry: locator('={{ $json.query.device }}'),
					timestamp: 'now',
					labels: { label: [{ name: 'device', value: '={{ $json.query.device }}' }] },
				}),
			]),
		);
		await n8n.publish('e2eReductWebhook');
		const port = await freePort();
		await n8n.start(port);
		const bodies = [randomBytes(40_000), randomBytes(10)];
		const answers: Array<Record<string, unknown>> = [];
		try {
			for (const body of bodies) {
				const call = () =>
					fetch(`http://127.0.0.1:${port}/webhook/reduct-ingest?device=cam-7`, {
						method: 'POST',
						headers: { 'content-type': 'image/jpeg' },
						body,
					});
				// n8n answers /healthz before it has registered the published webhooks
				let response = await call();
				for (let attempt = 0; response.status === 404 && attempt < 60; attempt++) {
					await sleep(500);
					response = await call();
				}
				const text = await response.text();
				expect([response.status, text.slice(0, 300)]).toEqual([200, expect.any(String)]);
				answers.push(JSON.parse(text));
			}
		} finally {
			await n8n.stop();
		}
		expect(answers[0]).toMatchObject({
			bucket: 'e2e-inbox',
			entry: 'cam-7',
			size: bodies[0].length,
			contentType: 'image/jpeg',
			labels: { device: 'cam-7' },
		});
		expect(Number(answers[1].timestamp)).toBeGreaterThan(Number(answers[0].timestamp));

		await n8n.importWorkflow(
			workflow('e2eReductQueryBack', [
				manualTrigger,
				reduct('Query', {
					resource: 'record',
					operation: 'query',
					bucket: locator('e2e-inbox'),
					entry: locator('cam-7'),
					when: '{"&device": {"$eq": "cam-7"}}',
					limit: 10,
				}),
				reduct(
					'Latest',
					{
						resource: 'record',
						operation: 'read',
						bucket: locator('e2e-inbox'),
						entry: locator('cam-7'),
						binaryPropertyName: 'latest',
					},
					{ executeOnce: true } as Partial<WorkflowNode>,
				),
			]),
		);
		const run = await n8n.execute('e2eReductQueryBack');
		const queried = run.output('Query');
		expect(queried.map((item) => item.json.timestamp)).toEqual(
			answers.map((answer) => answer.timestamp),
		);
		expect(queried.map((item) => sha256(readFileSync(binaryFile(n8n, item.binary!.data))))).toEqual(
			bodies.map(sha256),
		);
		const latest = run.output('Latest')[0];
		expect(latest.json.timestamp).toBe(answers[1].timestamp);
		expect(latest.binary!.latest.mimeType).toBe('image/jpeg');
		expect(sha256(readFileSync(binaryFile(n8n, latest.binary!.latest)))).toBe(sha256(bodies[1]));
	});

	it('stops with an error naming the parameter and writes nothing on bad input', async () => {
		const cases: Array<[string, Record<string, unknown>, RegExp]> = [
			[
				'e2eReductBadBucket',
				{ bucket: locator('bad name!'), entry: locator('e') },
				/Invalid "Bucket": "bad name!" may contain only letters, digits, "-" and "_"/,
			],
			[
				'e2eReductBadTimestamp',
				{ bucket: locator('e2e-inbox'), entry: locator('e'), timestamp: 'last tuesday' },
				/Invalid "Timestamp": "last tuesday" is neither an ISO 8601 date/,
			],
			[
				'e2eReductBadLabels',
				{
					bucket: locator('e2e-inbox'),
					entry: locator('e'),
					labels: { label: Array.from({ length: 81 }, (_, i) => ({ name: `l${i}`, value: 'v' })) },
				},
				/Invalid "Labels": 81 labels are too many/,
			],
		];
		const before = fake.requests.length;
		for (const [id, parameters, message] of cases) {
			await n8n.importWorkflow(
				workflow(id, [
					manualTrigger,
					reduct('Write', {
						resource: 'record',
						operation: 'write',
						inputSource: 'text',
						textData: 'never',
						timestamp: '1',
						...parameters,
					}),
				]),
			);
			expect(await n8n.executeExpectingFailure(id)).toMatch(message);
		}
		await n8n.importWorkflow(
			workflow('e2eReductBadWhen', [
				manualTrigger,
				reduct('Query', {
					resource: 'record',
					operation: 'query',
					bucket: locator('e2e-inbox'),
					entry: locator('cam-7'),
					when: '{"&device": ',
				}),
			]),
		);
		expect(await n8n.executeExpectingFailure('e2eReductBadWhen')).toMatch(
			/Invalid "When Condition": it is not valid JSON/,
		);
		expect(fake.requests.slice(before)).toEqual([]);
	});

	it('triggers on records written after activation, each once, and copies them with Write Many', async () => {
		await client.getOrCreateBucket('e2e-watch');
		const bucket = await client.getBucket('e2e-watch');
		await (
			await bucket.beginWrite('incoming', {
				ts: 1_000n,
				contentType: 'text/plain',
				labels: { kind: 'old' },
			})
		).write('was here before');
		await n8n.importWorkflow(
			workflow('e2eReductTrigger', [
				{
					name: 'New Records',
					type: `${PACK}.reductStoreTrigger`,
					parameters: {
						bucket: locator('e2e-watch'),
						entry: locator('incoming'),
						when: '{"&kind": {"$ne": "noise"}}',
						pollTimes: { item: [{ mode: 'everyMinute' }] }, // n8n's shortest interval
					},
					credentials: CREDENTIAL,
				},
				reduct('Copy', {
					resource: 'record',
					operation: 'writeBatch',
					bucket: locator('e2e-watch'),
					entry: locator('seen'),
					timestamp: '={{ $json.timestamp }}',
					labels: { label: [{ name: 'kind', value: '={{ $json.labels.kind }}' }] },
				}),
			]),
		);
		await n8n.publish('e2eReductTrigger');
		const port = await freePort();
		await n8n.start(port);
		const seen = async () => {
			const out: Array<[bigint, string, unknown]> = [];
			try {
				for await (const rec of bucket.query('seen'))
					out.push([rec.time, await rec.readAsString(), rec.labels.kind]);
			} catch {
				// no "seen" entry yet
			}
			return out;
		};
		try {
			await sleep(10_000); // n8n polls once on activation: that poll records where the entry stands
			const now = BigInt(Date.now()) * 1000n;
			for (const [offset, body, kind] of [
				[0n, 'first new', 'event'],
				[1n, 'ignore me', 'noise'],
				[2n, 'second new', 'alarm'],
			] as const) {
				await (
					await bucket.beginWrite('incoming', {
						ts: now + offset,
						contentType: 'text/plain',
						labels: { kind },
					})
				).write(body);
			}
			const deadline = Date.now() + 90_000;
			while ((await seen()).length < 2) {
				if (Date.now() > deadline)
					throw new Error(`Timed out waiting for the trigger\n${n8n.serverLog}`);
				await sleep(1000);
			}
			await sleep(65_000); // one more poll: nothing may be emitted twice
			expect(await seen()).toEqual([
				[now, 'first new', 'event'],
				[now + 2n, 'second new', 'alarm'],
			]);
		} finally {
			await n8n.stop();
		}
	});
});
