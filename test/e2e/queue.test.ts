/**
 * The pack in n8n's queue mode: PostgreSQL, Redis, n8n's main process and two workers
 * (harness/queue.ts), each process loading the pack from its own .n8n/nodes. Every assertion
 * reads the execution records n8n's database holds, and which worker ran each execution.
 * Binary data is kept once in `database` mode (queue mode's default) and once in `filesystem`
 * mode with a folder shared by all processes.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { createHash, randomBytes } from 'crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { Client as ReductClient } from 'reduct-js';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { startCodaFake, type CodaFake, type SeededDoc } from '../fakes/coda/server';
import { startReductFake, type ReductFake } from '../fakes/reductstore/server';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { memberAppCredential, openStackServers } from '../helpers/openstack/servers';
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
/** A node of the pack by its type name, with the credential it takes. */
const packNode = (
	name: string,
	type: string,
	credentials: Record<string, { id: string; name: string }>,
	parameters: Record<string, unknown>,
): WorkflowNode => ({ name, type: `${PACK}.${type}`, parameters, credentials });
const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const REDUCT_TOKEN = 'queue-reduct-token-51c0';
const OTHER_CREDENTIALS = {
	coda: { cloudPackCodaApi: { id: 'queueCoda00001', name: 'Queue Coda' } },
	reduct: { cloudPackReductStoreApi: { id: 'queueReduct001', name: 'Queue ReductStore' } },
	openStack: { cloudPackOpenStackApi: { id: 'queueOpenStack1', name: 'Queue OpenStack' } },
};

/** A round trip through one storage node: what it uploads, then downloads by the upload's output. */
interface RoundTrip {
	id: string;
	path: string;
	upload: WorkflowNode;
	download: WorkflowNode;
	/** The fields of the upload's output that name where the object went. */
	stored: (name: string) => Record<string, unknown>;
}

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
	/** The file name each call gives in its query. */
	const fileName = '{{ $json.query.name }}';
	const ROUND_TRIPS: RoundTrip[] = [
		...BACKENDS.map((backend) => ({
			id: `queueRoundTrip${backend}`,
			path: `queue-round-trip-${backend}`,
			upload: storage('Upload', backend, {
				resource: 'object',
				operation: 'upload',
				container: locator(containers[backend]),
				key: `=${backend === 'gcs' ? gcsPrefix : ''}queue/${fileName}`,
			}),
			download: storage('Download', backend, {
				resource: 'object',
				operation: 'download',
				container: locator(containers[backend]),
				key: keyLocator('={{ $json.key }}'),
			}),
			stored: (file: string) => ({
				container: containers[backend],
				key: `${backend === 'gcs' ? gcsPrefix : ''}queue/${file}`,
			}),
		})),
		{
			id: 'queueRoundTripS3Node',
			path: 'queue-round-trip-s3-node',
			upload: packNode('Upload', 's3', CREDENTIALS.s3, {
				resource: 'object',
				operation: 'upload',
				bucket: locator(bucket),
				key: `=node/${fileName}`,
			}),
			download: packNode('Download', 's3', CREDENTIALS.s3, {
				resource: 'object',
				operation: 'download',
				bucket: locator(bucket),
				key: keyLocator('={{ $json.key }}'),
			}),
			stored: (file: string) => ({ bucket, key: `node/${file}` }),
		},
		{
			id: 'queueRoundTripAzureNode',
			path: 'queue-round-trip-azure-node',
			upload: packNode('Upload', 'azureBlob', CREDENTIALS.azure, {
				resource: 'blob',
				operation: 'upload',
				container: locator(container),
				blobName: `=node/${fileName}`,
			}),
			download: packNode('Download', 'azureBlob', CREDENTIALS.azure, {
				resource: 'blob',
				operation: 'download',
				container: locator(container),
				blob: byName('={{ $json.name }}'),
			}),
			stored: (file: string) => ({ container, name: `node/${file}` }),
		},
		{
			id: 'queueRoundTripGcsNode',
			path: 'queue-round-trip-gcs-node',
			upload: packNode('Upload', 'googleCloudStorage', CREDENTIALS.gcs, {
				resource: 'object',
				operation: 'upload',
				bucket: byName(gcsBucket),
				objectName: `=${gcsPrefix}node/${fileName}`,
			}),
			download: packNode('Download', 'googleCloudStorage', CREDENTIALS.gcs, {
				resource: 'object',
				operation: 'download',
				bucket: byName(gcsBucket),
				objectName: byName('={{ $json.key }}'),
			}),
			stored: (file: string) => ({ container: gcsBucket, key: `${gcsPrefix}node/${file}` }),
		},
	];
	const env = { N8N_RESTRICT_FILE_ACCESS_TO: root, NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' };
	let services: QueueServices;
	let coda: CodaFake;
	let codaDoc: SeededDoc;
	let reduct: ReductFake;
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
		const roundTrips = ROUND_TRIPS.map((trip, index) =>
			workflow(trip.id, [webhook(trip.path, index), trip.upload, trip.download, hashBinary]),
		);
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
		await main.importCredentials([
			{
				...OTHER_CREDENTIALS.coda.cloudPackCodaApi,
				type: 'cloudPackCodaApi',
				data: { apiToken: coda.token, baseUrl: coda.url },
			},
			{
				...OTHER_CREDENTIALS.reduct.cloudPackReductStoreApi,
				type: 'cloudPackReductStoreApi',
				data: { url: reduct.url, apiToken: REDUCT_TOKEN, allowUnauthorizedCerts: false },
			},
			{
				...OTHER_CREDENTIALS.openStack.cloudPackOpenStackApi,
				type: 'cloudPackOpenStackApi',
				data: memberAppCredential(),
			},
		]);
		const triggers = [
			workflow('queueStorageTrigger', [
				packNode('New Objects', 'cloudStorageTrigger', CREDENTIALS.local, {
					backend: 'local',
					container: locator('watched'),
					prefix: 'incoming/',
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				}),
			]),
			workflow('queueReductTrigger', [
				packNode('New Records', 'reductStoreTrigger', OTHER_CREDENTIALS.reduct, {
					bucket: locator('queue-watch'),
					entry: locator('incoming'),
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				}),
			]),
		];
		const codaRow = workflow('queueCoda', [
			webhook('queue-coda', ROUND_TRIPS.length + 1),
			{
				name: 'Row',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return [{ json: { Name: $json.query.name } }];` },
			},
			packNode('Insert', 'coda', OTHER_CREDENTIALS.coda, {
				resource: 'row',
				operation: 'insert',
				docId: byId(codaDoc.id),
				tableId: byId('Tasks'),
				dataMode: 'autoMap',
				waitForCompletion: true,
			}),
		]);
		const openStack = workflow('queueOpenStack', [
			webhook('queue-openstack', ROUND_TRIPS.length + 2),
			packNode('Account', 'openStackObjectStorage', OTHER_CREDENTIALS.openStack, {
				resource: 'account',
				operation: 'get',
			}),
			packNode('Who', 'openStackIdentity', OTHER_CREDENTIALS.openStack, {
				resource: 'user',
				operation: 'getCurrent',
			}),
		]);
		await importWorkflows(
			main,
			[...roundTrips, scheduledSync, tooLarge, ...triggers, codaRow, openStack].map((flow) => ({
				...flow,
				active: true,
			})),
		);
	}

	beforeAll(async () => {
		rmSync(root, { recursive: true, force: true });
		mkdirSync(path.join(root, 'demo'), { recursive: true });
		mkdirSync(path.join(root, 'mirror'), { recursive: true });
		mkdirSync(path.join(root, 'watched', 'incoming'), { recursive: true });
		writeFileSync(path.join(root, 'watched', 'incoming', 'before.txt'), 'was here before');
		coda = await startCodaFake();
		codaDoc = coda.seedSampleDoc();
		reduct = await startReductFake({ apiToken: REDUCT_TOKEN });
		const watched = await new ReductClient(reduct.url, {
			apiToken: REDUCT_TOKEN,
		}).getOrCreateBucket('queue-watch');
		await (await watched.beginWrite('incoming', { ts: 1_000n })).write('was here before');
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
		await coda?.close();
		await reduct?.close();
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
		for (const [index, trip] of ROUND_TRIPS.entries()) {
			const before = (await cluster.executions(trip.id)).length;
			const body = randomBytes(200_000 + index);
			const response = await call(cluster, `${trip.path}?name=${mode}.bin`, body);
			const text = await response.text();
			if (response.status !== 200)
				throw new Error(`${trip.id}: ${response.status} ${text.slice(0, 500)}\n${cluster.logs()}`);
			expect(JSON.parse(text)).toEqual({ sha256: sha256(body), size: body.length });

			const records = (await cluster.executions(trip.id)).slice(before);
			expect(records).toHaveLength(1);
			const [record] = records;
			expect(record).toMatchObject({ status: 'success', mode: 'webhook' });
			expect(record.worker).toMatch(/^worker[12]$/);
			expect(recordOutput(record, 'Upload')[0].json).toMatchObject({
				...trip.stored(`${mode}.bin`),
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

	/** A Coda row and an OpenStack read, each answered by a worker. */
	async function codaAndOpenStack(cluster: QueueCluster) {
		const inserted = await call(cluster, 'queue-coda?name=Queued%20row', Buffer.from('{}'));
		expect(inserted.status).toBe(200);
		const [codaRun] = await cluster.executions('queueCoda');
		expect(codaRun).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(codaRun.worker).toMatch(/^worker[12]$/);
		const rowId = recordOutput(codaRun, 'Insert')[0].json.rowId;
		const tasks = coda.store.docs
			.find((doc) => doc.id === codaDoc.id)!
			.tables.find((table) => table.name === 'Tasks')!;
		const row = tasks.rows.find((candidate) => candidate.id === rowId);
		expect(row?.values.get(codaDoc.tables.Tasks.columns.Name)).toBe('Queued row');
		expect(coda.violations).toEqual([]);

		const read = await call(cluster, 'queue-openstack', Buffer.from('{}'));
		expect(read.status).toBe(200);
		const [openStackRun] = await cluster.executions('queueOpenStack');
		expect(openStackRun).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(openStackRun.worker).toMatch(/^worker[12]$/);
		expect(recordOutput(openStackRun, 'Account')[0].json).toMatchObject({
			containerCount: expect.any(Number),
		});
		expect(recordOutput(openStackRun, 'Who')[0].json).toMatchObject({
			user: { id: openStackServers().member.userId },
		});
	}

	/**
	 * What the triggers (polling on main) handed to the workers: every execution on a worker,
	 * and the items of all of them together.
	 */
	async function triggered(cluster: QueueCluster, id: string, node: string) {
		const runs = await cluster.executions(id);
		for (const run of runs) {
			expect(run).toMatchObject({ status: 'success', mode: 'trigger' });
			expect(run.worker).toMatch(/^worker[12]$/);
		}
		const starts = runs.map((run) => Number(run.data.resultData.runData[node][0].startTime));
		return { items: runs.flatMap((run) => recordOutput(run, node)), starts };
	}

	/** Adds objects and records after the triggers' first poll (on activation) took stock. */
	async function feedTriggers(startedAt: number): Promise<bigint> {
		const wait = startedAt + 15_000 - Date.now();
		if (wait > 0) await sleep(wait);
		writeFileSync(path.join(root, 'watched', 'incoming', 'one.txt'), 'first new object');
		writeFileSync(path.join(root, 'watched', 'incoming', 'two.txt'), 'second new object');
		const entry = await new ReductClient(reduct.url, { apiToken: REDUCT_TOKEN }).getBucket(
			'queue-watch',
		);
		const now = BigInt(Date.now()) * 1000n;
		for (const [offset, body] of [
			[0n, 'first new record'],
			[1n, 'second new record'],
		] as const)
			await (await entry.beginWrite('incoming', { ts: now + offset })).write(body);
		return now;
	}

	/** Each new object and record was handed to a worker exactly once, the old ones never. */
	async function checkTriggers(cluster: QueueCluster, firstRecord: bigint) {
		const expectedKeys = ['incoming/one.txt', 'incoming/two.txt'];
		const expectedRecords = [Number(firstRecord), Number(firstRecord + 1n)];
		const deadline = Date.now() + 150_000;
		const read = async () => ({
			objects: await triggered(cluster, 'queueStorageTrigger', 'New Objects'),
			records: await triggered(cluster, 'queueReductTrigger', 'New Records'),
		});
		let seen = await read();
		while (
			(seen.objects.items.length < expectedKeys.length ||
				seen.records.items.length < expectedRecords.length) &&
			Date.now() < deadline
		) {
			await sleep(2_000);
			seen = await read();
		}
		// one more poll after the one that emitted: nothing may come twice
		const lastEmitted = Math.max(...seen.objects.starts, ...seen.records.starts);
		const wait = lastEmitted + 65_000 - Date.now();
		if (wait > 0) await sleep(wait);
		seen = await read();
		expect(seen.objects.items.map((item) => item.json.key).sort()).toEqual(expectedKeys);
		expect(seen.records.items.map((item) => item.json.timestamp).sort()).toEqual(expectedRecords);
	}

	it('round-trips objects through the Cloud Storage node (Local, S3, Azure, GCS) and the S3, Azure and GCS nodes on the workers, binary data in the database; Coda and OpenStack runs; a schedule syncs S3 to Local once a minute; the storage and ReductStore triggers poll on main and hand each new object to a worker once', async () => {
		const cluster = await QueueCluster.start(services, 'database', prepare, {
			env: { ...env, N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: '1' },
		});
		const startedAt = Date.now();
		try {
			await roundTrips(cluster, 'database');
			await codaAndOpenStack(cluster);
			const firstRecord = await feedTriggers(startedAt);
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

			await checkTriggers(cluster, firstRecord);
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
