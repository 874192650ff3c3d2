/**
 * The pack in n8n's queue mode: PostgreSQL, Redis, n8n's main process and two workers
 * (harness/queue.ts), each process loading the pack from its own .n8n/nodes. Every assertion
 * reads the execution records n8n's database holds, and which worker ran each execution.
 * Binary data is kept once in `database` mode (queue mode's default) and once in `filesystem`
 * mode with a folder shared by all processes.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { createHash, randomBytes } from 'crypto';
import { mkdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { azuriteServer, uniqueContainer } from '../integration/azureSupport';
import { swiftCredential, uniqueBucket } from '../integration/s3Support';
import type { N8nInstance } from './harness/n8n';
import {
	QueueCluster,
	QueueServices,
	importWorkflows,
	recordOutput,
	type BinaryMode,
} from './harness/queue';
import { sleep } from './harness/wait';
import { PACK, keyLocator, locator, workflow, type WorkflowNode } from './harness/workflow';

jest.setTimeout(10 * 60_000);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const BACKENDS = ['local', 's3', 'azure', 'gcs'] as const;
/** An object above the database mode's limit as the suite sets it (1 MiB). */
const TOO_LARGE_KEY = 'big/too-large.bin';
type Backend = (typeof BACKENDS)[number];
const CREDENTIALS: Record<Backend, Record<string, { id: string; name: string }>> = {
	local: { cloudPackLocalStorageApi: { id: 'queueLocal0001', name: 'Queue local' } },
	s3: { cloudPackS3Api: { id: 'queueS30000001', name: 'Queue S3' } },
	azure: { cloudPackAzureBlobApi: { id: 'queueAzure0001', name: 'Queue Azure' } },
	gcs: { cloudPackGoogleCloudStorageApi: { id: 'queueGcs000001', name: 'Queue GCS' } },
};

const storage = (name: string, backend: Backend, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend, ...parameters },
	credentials: CREDENTIALS[backend],
});

const webhook = (path: string, index: number): WorkflowNode => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: `7c1d0b2e-4a4f-4c8e-9b1a-${String(index).padStart(12, '0')}`,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: { rawBody: true } },
});

/** A Code node hashing the binary it receives, read through n8n's helpers (any binary mode). */
const hashBinary: WorkflowNode = {
	name: 'Hash',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `const out = [];
for (let i = 0; i < $input.all().length; i++) {
  const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
  out.push({ json: { sha256: require('crypto').createHash('sha256').update(buffer).digest('hex'), size: buffer.length } });
}
return out;`,
	},
};

describe('the pack in n8n queue mode (PostgreSQL, Redis, main + two workers)', () => {
	const root = path.join(tmpdir(), `cloud-pack-queue-local-${process.pid}`);
	const bucket = uniqueBucket('e2e-queue');
	const container = uniqueContainer('e2e-queue');
	const gcsBucket = 'cloud-pack-e2e';
	const gcsPrefix = `queue-${process.pid}-${Date.now()}/`;
	const containers: Record<Backend, string> = {
		local: 'demo',
		s3: bucket,
		azure: container,
		gcs: gcsBucket,
	};
	const env = { N8N_RESTRICT_FILE_ACCESS_TO: root, NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' };
	let services: QueueServices;
	let s3: S3Service;
	let azure: BlobServiceClient;

	const syncFiles = new Map([
		['sync/a.txt', Buffer.from('first synced object\n')],
		['sync/nested/b.bin', randomBytes(70_000)],
	]);

	async function prepare(main: N8nInstance): Promise<void> {
		await main.importCredentials([
			{
				...CREDENTIALS.local.cloudPackLocalStorageApi,
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: root },
			},
			{ ...CREDENTIALS.s3.cloudPackS3Api, type: 'cloudPackS3Api', data: swiftCredential() },
			{
				...CREDENTIALS.azure.cloudPackAzureBlobApi,
				type: 'cloudPackAzureBlobApi',
				data: {
					authentication: 'connectionString',
					connectionString: azuriteServer().connectionString,
				},
			},
			{
				...CREDENTIALS.gcs.cloudPackGoogleCloudStorageApi,
				type: 'cloudPackGoogleCloudStorageApi',
				data: gcsCredentialData(gcsEmulator().emulatorHost, 'emulator', gcsEmulator().projectId),
			},
		]);
		const roundTrips = BACKENDS.map((backend, index) => {
			const key = `=${backend === 'gcs' ? gcsPrefix : ''}queue/{{ $json.query.name }}`;
			return workflow(`queueRoundTrip${backend}`, [
				webhook(`queue-round-trip-${backend}`, index),
				storage('Upload', backend, {
					resource: 'object',
					operation: 'upload',
					container: locator(containers[backend]),
					key,
				}),
				storage('Download', backend, {
					resource: 'object',
					operation: 'download',
					container: locator(containers[backend]),
					key: keyLocator('={{ $json.key }}'),
				}),
				hashBinary,
			]);
		});
		const scheduledSync = workflow('queueScheduledSync', [
			{
				name: 'Every Minute',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1.2,
				parameters: {
					rule: { interval: [{ field: 'cronExpression', expression: '* * * * *' }] },
				},
			},
			storage('List', 's3', {
				resource: 'object',
				operation: 'list',
				container: locator(bucket),
				returnAll: true,
				options: { prefix: 'sync/' },
			}),
			storage('Download', 's3', {
				resource: 'object',
				operation: 'download',
				container: locator(bucket),
				key: keyLocator('={{ $json.key }}'),
			}),
			storage('To Local', 'local', {
				resource: 'object',
				operation: 'upload',
				container: locator('mirror'),
				key: '={{ $json.key }}',
			}),
		]);
		const tooLarge = workflow('queueTooLarge', [
			webhook('queue-too-large', BACKENDS.length),
			storage('Download', 's3', {
				resource: 'object',
				operation: 'download',
				container: locator(bucket),
				key: keyLocator(TOO_LARGE_KEY),
			}),
		]);
		await importWorkflows(
			main,
			[...roundTrips, scheduledSync, tooLarge].map((flow) => ({ ...flow, active: true })),
		);
	}

	beforeAll(async () => {
		rmSync(root, { recursive: true, force: true });
		mkdirSync(path.join(root, 'demo'), { recursive: true });
		mkdirSync(path.join(root, 'mirror'), { recursive: true });
		s3 = await S3Service.fromCredential(swiftCredential());
		await s3.createBucket(bucket);
		for (const [key, data] of syncFiles) await s3.uploadData(bucket, key, data);
		await s3.uploadData(bucket, TOO_LARGE_KEY, randomBytes(1536 * 1024));
		azure = BlobServiceClient.fromConnectionString(azuriteServer().connectionString);
		await azure.getContainerClient(container).create();
		services = await QueueServices.start();
	});

	afterAll(async () => {
		await services?.stop();
		rmSync(root, { recursive: true, force: true });
		await azure?.getContainerClient(container).deleteIfExists();
		await s3?.deleteBucket(bucket, { force: true }).catch(() => undefined);
		s3?.destroy();
	});

	/** POSTs a body to a published webhook of main, waiting out the registration after start. */
	async function call(cluster: QueueCluster, webhookPath: string, body: Buffer) {
		const send = () =>
			fetch(`http://127.0.0.1:${cluster.port}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/octet-stream' },
				body,
			});
		let response = await send();
		for (let attempt = 0; response.status === 404 && attempt < 60; attempt++) {
			await sleep(500);
			response = await send();
		}
		return response;
	}

	async function roundTrips(cluster: QueueCluster, mode: BinaryMode) {
		for (const backend of BACKENDS) {
			const id = `queueRoundTrip${backend}`;
			const before = (await cluster.executions(id)).length;
			const body = randomBytes(200_000 + BACKENDS.indexOf(backend));
			const response = await call(cluster, `queue-round-trip-${backend}?name=${mode}.bin`, body);
			const text = await response.text();
			if (response.status !== 200)
				throw new Error(`${backend}: ${response.status} ${text.slice(0, 500)}\n${cluster.logs()}`);
			expect(JSON.parse(text)).toEqual({ sha256: sha256(body), size: body.length });

			const records = (await cluster.executions(id)).slice(before);
			expect(records).toHaveLength(1);
			const [record] = records;
			expect(record).toMatchObject({ status: 'success', mode: 'webhook' });
			expect(record.worker).toMatch(/^worker[12]$/);
			expect(recordOutput(record, 'Upload')[0].json).toMatchObject({
				container: containers[backend],
				size: body.length,
			});
			const downloaded = recordOutput(record, 'Download')[0];
			expect(downloaded.binary.data).toMatchObject({ fileName: `${mode}.bin` });
			// Where the binary data lives says which mode kept it.
			expect(String(downloaded.binary.data.id)).toMatch(
				mode === 'database' ? /^database:/ : /^filesystem/,
			);
			expect(recordOutput(record, 'Hash')[0].json).toEqual({
				sha256: sha256(body),
				size: body.length,
			});
		}
	}

	it('round-trips objects through Local, S3, Azure and GCS on the workers, binary data in the database; a schedule syncs S3 to Local once a minute', async () => {
		const cluster = await QueueCluster.start(services, 'database', prepare, {
			env: { ...env, N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: '1' },
		});
		try {
			await roundTrips(cluster, 'database');
			// An object above the limit: the run fails naming the limit and the setting to raise.
			const tooLarge = await call(cluster, 'queue-too-large', Buffer.from('{}'));
			expect(tooLarge.status).toBe(500);
			const [failed] = await cluster.executions('queueTooLarge');
			expect(failed).toMatchObject({ status: 'error', mode: 'webhook' });
			expect(failed.worker).toMatch(/^worker[12]$/);
			const error = failed.data.resultData.error;
			expect(`${error.message} ${error.description ?? ''}`).toMatch(
				/max size limit of 1 MB[\s\S]*N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE/,
			);

			// Two ticks of the schedule, each run once, by one worker.
			const deadline = Date.now() + 150_000;
			let runs = await cluster.executions('queueScheduledSync');
			while (runs.length < 2 && Date.now() < deadline) {
				await sleep(2_000);
				runs = await cluster.executions('queueScheduledSync');
			}
			expect({ runs: runs.length, logs: runs.length < 2 ? cluster.logs() : '' }).toEqual({
				runs: 2,
				logs: '',
			});
			const starts = runs.map((run) => run.data.resultData.runData['Every Minute'][0].startTime);
			expect(new Set(starts.map((ms: number) => Math.floor(ms / 60_000))).size).toBe(2);
			for (const run of runs) {
				expect(run).toMatchObject({ status: 'success', mode: 'trigger' });
				expect(run.worker).toMatch(/^worker[12]$/);
				expect(recordOutput(run, 'To Local').map((item) => item.json.key)).toEqual([
					...syncFiles.keys(),
				]);
			}
			for (const [key, data] of syncFiles)
				expect(sha256(readFileSync(path.join(root, 'mirror', key)))).toBe(sha256(data));
		} finally {
			await cluster.stop();
		}
	});

	it('round-trips the same objects with binary data in a filesystem folder all processes share', async () => {
		// Credentials and published workflows are in the database since the first cluster.
		const cluster = await QueueCluster.start(services, 'filesystem', async () => undefined, {
			env,
		});
		try {
			await roundTrips(cluster, 'filesystem');
		} finally {
			await cluster.stop();
		}
	});
});
