/**
 * One file-name rule for every download of the pack, in a real n8n: the last non-empty segment
 * of the key, never a piece of the request's URL (S3 once named a key ending in "/" after its
 * query, "?x-id=GetObject"), and never cut at a "?" of the key. Each provider node and the Cloud
 * Storage node on each backend download the same two keys.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { BlobServiceClient } from '@azure/storage-blob';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { azuriteServer, uniqueContainer } from '../integration/azureSupport';
import { swiftCredential, swiftServer, uniqueBucket } from '../integration/s3Support';
import { N8nInstance } from './harness/n8n';
import {
	PACK,
	keyLocator,
	locator,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from './harness/workflow';

jest.setTimeout(15 * 60_000);

const FOLDER_KEY = 'reports/2026/';
const QUESTION_KEY = 'inbox/what?.txt';
const EXPECTED: Record<string, string> = { [FOLDER_KEY]: '2026', [QUESTION_KEY]: 'what?.txt' };

const uses = (type: string, id: string) => ({ [type]: { id, name: id } });
const S3 = uses('cloudPackS3Api', 'namesS3000001');
const AZURE = uses('cloudPackAzureBlobApi', 'namesAzure0001');
const GCS = uses('cloudPackGoogleCloudStorageApi', 'namesGcs000001');
const LOCAL = uses('cloudPackLocalStorageApi', 'namesLocal0001');

describe('the name of a downloaded file, in every node and backend', () => {
	const emulator = gcsEmulator();
	const gcsBucket = emulator.buckets.includes('cloud-pack-e2e')
		? 'cloud-pack-e2e'
		: emulator.bucket;
	const gcsPrefix = `names-${process.pid}-${Date.now()}/`;
	const container = uniqueContainer('e2e-names');
	const bucket = uniqueBucket('e2e-names');
	const azure = BlobServiceClient.fromConnectionString(azuriteServer().connectionString);
	let s3: S3Service;
	let root: string;
	let n8n: N8nInstance;

	beforeAll(async () => {
		s3 = await S3Service.fromCredential(swiftCredential());
		await s3.createBucket(bucket);
		const server = swiftServer();
		const raw = new S3Client({
			endpoint: server.s3Endpoint,
			region: server.region,
			forcePathStyle: true,
			credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
		});
		await azure.getContainerClient(container).create();
		root = mkdtempSync(path.join(realpathSync(tmpdir()), 'cloud-pack-names-'));
		mkdirSync(path.join(root, 'box', 'inbox'), { recursive: true });
		writeFileSync(path.join(root, 'box', QUESTION_KEY), 'question');
		for (const key of Object.keys(EXPECTED)) {
			await raw.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
			await azure.getContainerClient(container).getBlockBlobClient(key).upload(key, key.length);
			const response = await fetch(
				`${emulator.emulatorHost}/upload/storage/v1/b/${gcsBucket}/o?uploadType=media&name=${encodeURIComponent(gcsPrefix + key)}`,
				{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: key },
			);
			expect(response.ok).toBe(true);
		}
		raw.destroy();
		n8n = await N8nInstance.create({ N8N_RESTRICT_FILE_ACCESS_TO: root }, 'server');
		await n8n.importCredentials([
			{
				id: 'namesS3000001',
				name: 'namesS3000001',
				type: 'cloudPackS3Api',
				data: swiftCredential(),
			},
			{
				id: 'namesAzure0001',
				name: 'namesAzure0001',
				type: 'cloudPackAzureBlobApi',
				data: {
					authentication: 'connectionString',
					connectionString: azuriteServer().connectionString,
				},
			},
			{
				id: 'namesGcs000001',
				name: 'namesGcs000001',
				type: 'cloudPackGoogleCloudStorageApi',
				data: gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId),
			},
			{
				id: 'namesLocal0001',
				name: 'namesLocal0001',
				type: 'cloudPackLocalStorageApi',
				data: { rootDirectory: root },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await s3?.deleteBucket(bucket, { force: true }).catch(() => undefined);
		s3?.destroy();
		await azure.getContainerClient(container).deleteIfExists();
		rmSync(root, { recursive: true, force: true });
	});

	it('is the last non-empty segment of the key', async () => {
		const downloads: Array<[string, string, WorkflowNode]> = [];
		for (const [index, key] of Object.keys(EXPECTED).entries()) {
			const at = (label: string) => `${label} ${index === 0 ? 'folder key' : 'key with ?'}`;
			downloads.push(
				[
					key,
					at('S3 node'),
					node(at('S3 node'), 's3', S3, {
						resource: 'object',
						operation: 'download',
						bucket: locator(bucket),
						key: keyLocator(key),
					}),
				],
				[
					key,
					at('Azure node'),
					node(at('Azure node'), 'azureBlob', AZURE, {
						resource: 'blob',
						operation: 'download',
						container: locator(container),
						blob: keyLocator(key),
					}),
				],
				[
					key,
					at('GCS node'),
					node(at('GCS node'), 'googleCloudStorage', GCS, {
						resource: 'object',
						operation: 'download',
						bucket: locator(gcsBucket),
						objectName: keyLocator(gcsPrefix + key),
					}),
				],
				[key, at('Cloud Storage S3'), storage(at('Cloud Storage S3'), 's3', S3, bucket, key)],
				[
					key,
					at('Cloud Storage Azure'),
					storage(at('Cloud Storage Azure'), 'azure', AZURE, container, key),
				],
				[
					key,
					at('Cloud Storage GCS'),
					storage(at('Cloud Storage GCS'), 'gcs', GCS, gcsBucket, gcsPrefix + key),
				],
			);
		}
		downloads.push([
			QUESTION_KEY,
			'Cloud Storage Local',
			storage('Cloud Storage Local', 'local', LOCAL, 'box', QUESTION_KEY),
		]);
		await n8n.importWorkflow(
			workflow(
				'e2eDownloadNames',
				[manualTrigger, ...downloads.map(([, , entry]) => entry)],
				downloads.map(([, name]) => ['Start', name]),
			),
		);
		const run = await n8n.execute('e2eDownloadNames');
		const names = downloads.map(([, name]) => ({
			name,
			fileName: run.output(name)[0]?.binary?.data?.fileName,
			error: run.output(name)[0]?.json.error,
		}));
		expect(names).toEqual(
			downloads.map(([key, name]) => ({ name, fileName: EXPECTED[key], error: undefined })),
		);
	});
});

function node(
	name: string,
	type: string,
	credentials: Record<string, { id: string; name: string }>,
	parameters: Record<string, unknown>,
): WorkflowNode {
	return {
		name,
		type: `${PACK}.${type}`,
		parameters,
		credentials,
		onError: 'continueRegularOutput',
	} as WorkflowNode;
}

function storage(
	name: string,
	backend: string,
	credentials: Record<string, { id: string; name: string }>,
	container: string,
	key: string,
): WorkflowNode {
	return node(name, 'cloudStorage', credentials, {
		backend,
		resource: 'object',
		operation: 'download',
		container: locator(container),
		key: keyLocator(key),
	});
}
