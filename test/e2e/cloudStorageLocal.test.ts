import { createHash, randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { listFiles, sleep, waitFor } from './harness/wait';
import { N8nInstance } from './harness/n8n';
import { freePort } from './harness/ports';
import { PACK, keyLocator, locator, makeFiles, manualTrigger, workflow } from './harness/workflow';

jest.setTimeout(10 * 60_000);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const CREDENTIAL = { cloudPackLocalStorageApi: { id: 'localStorage01', name: 'Local e2e' } };
const storage = (parameters: Record<string, unknown>, name: string) => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend: 'local', ...parameters },
	credentials: CREDENTIAL,
});

/** Where n8n's filesystem binary mode stored a binary item (read back to compare bytes). */
function binaryFile(n8n: N8nInstance, binary: { id: string }): string {
	const relative = binary.id.replace(/^filesystem(-v2)?:/, '');
	return path.join(n8n.folder, '.n8n', 'storage', relative);
}

describe('Cloud Storage node on the Local backend, inside a real n8n', () => {
	let n8n: N8nInstance;
	let root: string;

	beforeAll(async () => {
		root = path.join(tmpdir(), `cloud-pack-local-${process.pid}`);
		rmSync(root, { recursive: true, force: true });
		mkdirSync(path.join(root, 'demo'), { recursive: true });
		n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: root });
		await n8n.importCredentials([
			{
				id: 'localStorage01',
				name: 'Local e2e',
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: root },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		rmSync(root, { recursive: true, force: true });
	});

	it('uploads, lists and downloads the same bytes (manual start)', async () => {
		const payload = randomBytes(300_000);
		const code = `return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('${payload.toString('base64')}', 'base64'), 'payload.bin', 'application/octet-stream') } }];`;
		await n8n.importWorkflow(
			workflow('e2eLocalRoundTrip', [
				manualTrigger,
				{ name: 'Make', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } },
				storage(
					{
						resource: 'object',
						operation: 'upload',
						container: locator('demo'),
						key: 'nested/dir/payload.bin',
					},
					'Upload',
				),
				storage(
					{
						resource: 'object',
						operation: 'list',
						container: locator('demo'),
						returnAll: true,
						options: { prefix: 'nested/' },
					},
					'List',
				),
				storage(
					{
						resource: 'object',
						operation: 'download',
						container: locator('demo'),
						key: keyLocator('={{ $json.key }}'),
					},
					'Download',
				),
			]),
		);
		const run = await n8n.execute('e2eLocalRoundTrip');

		const uploaded = run.output('Upload');
		expect(uploaded).toHaveLength(1);
		expect(uploaded[0].json).toMatchObject({
			container: 'demo',
			key: 'nested/dir/payload.bin',
			size: payload.length,
		});
		expect(uploaded[0].json.md5).toBe(createHash('md5').update(payload).digest('hex'));

		const listed = run.output('List');
		expect(listed.map((item) => item.json.key)).toEqual(['nested/dir/payload.bin']);
		expect(listed[0].json.type).toBe('object');

		const downloaded = run.output('Download');
		expect(downloaded).toHaveLength(1);
		expect(downloaded[0].json.size).toBe(payload.length);
		const binary = downloaded[0].binary!.data;
		expect(binary.fileName).toBe('payload.bin');
		expect(binary.mimeType).toBe('application/octet-stream');
		expect(binary.id).toMatch(/^filesystem/);
		expect(sha256(readFileSync(binaryFile(n8n, binary)))).toBe(sha256(payload));
		expect(sha256(readFileSync(path.join(root, 'demo/nested/dir/payload.bin')))).toBe(
			sha256(payload),
		);
	});

	it('runs the demo workflow that `npm start` imports', async () => {
		const examples = path.join(__dirname, '../../examples');
		const [credential] = JSON.parse(
			readFileSync(path.join(examples, 'local-credential.json'), 'utf8'),
		);
		await n8n.importCredentials([{ ...credential, data: { rootDirectory: root } }]);
		const demo = JSON.parse(readFileSync(path.join(examples, 'demo-local.json'), 'utf8'));
		await n8n.importWorkflow(demo);
		const run = await n8n.execute(demo.id);
		const downloaded = run.output('Download');
		expect(downloaded).toHaveLength(1);
		expect(downloaded[0].json).toMatchObject({ container: 'demo', key: 'greetings/hello.txt' });
		const text = readFileSync(path.join(root, 'demo/greetings/hello.txt'), 'utf8');
		expect(text).toMatch(/^Hello from n8n-nodes-cloud-pack/);
		expect(readFileSync(binaryFile(n8n, downloaded[0].binary!.data), 'utf8')).toBe(text);
	});

	it('stops with an error naming the parameter and writes nothing on bad input', async () => {
		await n8n.importWorkflow(
			workflow('e2eLocalBadKey', [
				manualTrigger,
				makeFiles('Make', [{ fileName: 'x.txt', text: 'nope' }]),
				storage(
					{
						resource: 'object',
						operation: 'upload',
						container: locator('demo'),
						key: '../escape.txt',
					},
					'Upload',
				),
			]),
		);
		const before = readdirSync(root).sort();
		const failure = await n8n.executeExpectingFailure('e2eLocalBadKey');
		expect(failure).toMatch(/"Key" must not contain "\.\." segments/);
		expect(readdirSync(root).sort()).toEqual(before);
		expect(existsSync(path.join(root, 'escape.txt'))).toBe(false);
	});

	it('answers a real HTTP call to its webhook with the stored object metadata', async () => {
		await n8n.importWorkflow(
			workflow('e2eLocalWebhook', [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: '5f0e8a1c-6d5b-4f7e-9a51-3c1f2b7d9e01',
					parameters: {
						httpMethod: 'POST',
						path: 'store-body',
						responseMode: 'lastNode',
						options: { rawBody: true },
					},
				},
				storage(
					{
						resource: 'object',
						operation: 'upload',
						container: locator('demo'),
						key: '=inbox/{{ $json.query.name }}',
					},
					'Store Body',
				),
			]),
		);
		await n8n.publish('e2eLocalWebhook');
		const port = await freePort();
		await n8n.start(port);
		try {
			const body = randomBytes(50_000);
			const call = () =>
				fetch(`http://127.0.0.1:${port}/webhook/store-body?name=upload.bin`, {
					method: 'POST',
					headers: { 'content-type': 'application/octet-stream' },
					body,
				});
			// n8n answers /healthz before it has registered the published webhooks; a 404 runs nothing.
			let response = await call();
			for (let attempt = 0; response.status === 404 && attempt < 60; attempt++) {
				await sleep(500);
				response = await call();
			}
			const text = await response.text();
			expect(response.status).toBe(200);
			const metadata = JSON.parse(text);
			expect(metadata).toMatchObject({
				container: 'demo',
				key: 'inbox/upload.bin',
				size: body.length,
			});
			expect(metadata.md5).toBe(createHash('md5').update(body).digest('hex'));
			expect(sha256(readFileSync(path.join(root, 'demo/inbox/upload.bin')))).toBe(sha256(body));
		} finally {
			await n8n.stop();
		}
	});

	it('triggers on an object added after activation, not on those already there', async () => {
		mkdirSync(path.join(root, 'watched/incoming'), { recursive: true });
		mkdirSync(path.join(root, 'seen'), { recursive: true });
		writeFileSync(path.join(root, 'watched/incoming/old.txt'), 'was here before');
		await n8n.importWorkflow(
			workflow('e2eLocalTrigger', [
				{
					name: 'New Objects',
					type: `${PACK}.cloudStorageTrigger`,
					parameters: {
						backend: 'local',
						container: locator('watched'),
						prefix: 'incoming/',
						pollTimes: { item: [{ mode: 'everyMinute' }] }, // n8n's shortest interval
					},
					credentials: CREDENTIAL,
				},
				storage(
					{
						resource: 'object',
						operation: 'copy',
						sourceContainer: locator('={{ $json.container }}'),
						sourceKey: keyLocator('={{ $json.key }}'),
						targetContainer: locator('seen'),
						targetKey: '={{ $json.key }}',
					},
					'Mark Seen',
				),
			]),
		);
		await n8n.publish('e2eLocalTrigger');
		const port = await freePort();
		await n8n.start(port);
		try {
			await sleep(10_000); // n8n polls once on activation: that poll records what exists
			writeFileSync(path.join(root, 'watched/incoming/new.txt'), 'arrived later');
			writeFileSync(path.join(root, 'watched/elsewhere.txt'), 'outside the prefix');
			const seen = path.join(root, 'seen/incoming/new.txt');
			await waitFor(
				() => existsSync(seen),
				90_000,
				() => n8n.serverLog,
			);
			expect(readFileSync(seen, 'utf8')).toBe('arrived later');
			await sleep(65_000); // one more poll: nothing may be emitted twice
			expect(existsSync(path.join(root, 'seen/incoming/old.txt'))).toBe(false);
			expect(existsSync(path.join(root, 'seen/elsewhere.txt'))).toBe(false);
			expect(listFiles(path.join(root, 'seen'))).toEqual(['incoming/new.txt']);
		} finally {
			await n8n.stop();
		}
	});
});
