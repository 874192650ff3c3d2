/**
 * A cross-provider copy through the Cloud Storage node, in one workflow inside a real n8n:
 * every blob under a prefix in Azure (Azurite) is listed, downloaded, and uploaded to both
 * Google Cloud Storage (the firebase-tools emulator) and S3 (the Swift s3api); the copies
 * are then read back with each provider's own API and compared byte for byte.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { createHash, randomBytes } from 'crypto';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { azuriteServer, readAll, uniqueContainer } from '../integration/azureSupport';
import { swiftCredential, uniqueBucket } from '../integration/s3Support';
import { N8nInstance } from './harness/n8n';
import {
	PACK,
	keyLocator,
	locator,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from './harness/workflow';

jest.setTimeout(10 * 60_000);

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const CREDENTIALS = {
	azure: { cloudPackAzureBlobApi: { id: 'crossAzure0001', name: 'Cross Azure' } },
	gcs: { cloudPackGoogleCloudStorageApi: { id: 'crossGcs000001', name: 'Cross GCS' } },
	s3: { cloudPackS3Api: { id: 'crossS3000001', name: 'Cross S3' } },
};

const storage = (
	name: string,
	backend: keyof typeof CREDENTIALS,
	parameters: Record<string, unknown>,
): WorkflowNode => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend, ...parameters },
	credentials: CREDENTIALS[backend],
});

describe('Cloud Storage node: Azure → GCS and S3 in one workflow', () => {
	const emulator = gcsEmulator();
	const azurite = azuriteServer();
	const container = uniqueContainer('e2e-cross');
	const bucket = uniqueBucket('e2e-cross');
	const gcsBucket = 'cloud-pack-e2e';
	const gcsPrefix = `cross-${process.pid}-${Date.now()}/`;
	let n8n: N8nInstance;
	let azure: BlobServiceClient;
	let s3: S3Service;

	beforeAll(async () => {
		azure = BlobServiceClient.fromConnectionString(azurite.connectionString);
		await azure.getContainerClient(container).create();
		s3 = await S3Service.fromCredential(swiftCredential());
		await s3.createBucket(bucket);
		n8n = await N8nInstance.create({}, 'server');
		await n8n.importCredentials([
			{
				id: 'crossAzure0001',
				name: 'Cross Azure',
				type: 'cloudPackAzureBlobApi',
				data: { authentication: 'connectionString', connectionString: azurite.connectionString },
			},
			{
				id: 'crossGcs000001',
				name: 'Cross GCS',
				type: 'cloudPackGoogleCloudStorageApi',
				data: gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId),
			},
			{ id: 'crossS3000001', name: 'Cross S3', type: 'cloudPackS3Api', data: swiftCredential() },
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await azure?.getContainerClient(container).deleteIfExists();
		await s3?.deleteBucket(bucket, { force: true }).catch(() => undefined);
		s3?.destroy();
	});

	it('lists, downloads and re-uploads every blob, and each copy matches its source', async () => {
		// One blob above the S3 backend's multipart threshold, one small, one outside the prefix.
		const blobs = new Map<string, Buffer>([
			['export/large.bin', randomBytes(9 * 1024 * 1024 + 321)],
			['export/notes/readme.txt', Buffer.from('copied across three clouds\n')],
		]);
		const containerClient = azure.getContainerClient(container);
		for (const [name, data] of blobs)
			await containerClient.getBlockBlobClient(name).uploadData(data);
		await containerClient
			.getBlockBlobClient('elsewhere/skip.txt')
			.uploadData(Buffer.from('not exported'));

		await n8n.importWorkflow(
			workflow(
				'e2eCrossProvider',
				[
					manualTrigger,
					storage('List Azure', 'azure', {
						resource: 'object',
						operation: 'list',
						container: locator(container),
						returnAll: true,
						options: { prefix: 'export/' },
					}),
					storage('Download', 'azure', {
						resource: 'object',
						operation: 'download',
						container: locator(container),
						key: keyLocator('={{ $json.key }}'),
					}),
					storage('To GCS', 'gcs', {
						resource: 'object',
						operation: 'upload',
						container: locator(gcsBucket),
						key: `=${gcsPrefix}{{ $json.key }}`,
						options: { expectedMd5: '={{ $json.md5 }}' },
					}),
					storage('To S3', 's3', {
						resource: 'object',
						operation: 'upload',
						container: locator(bucket),
						key: '=copied/{{ $json.key }}',
						options: { expectedMd5: '={{ $json.md5 }}' },
					}),
				],
				[
					['Start', 'List Azure', 'Download', 'To GCS'],
					['Download', 'To S3'],
				],
			),
		);
		const run = await n8n.execute('e2eCrossProvider');

		expect(run.output('List Azure').map((item) => item.json.key)).toEqual([...blobs.keys()]);
		const toGcs = run.output('To GCS');
		const toS3 = run.output('To S3');
		expect(toGcs).toHaveLength(blobs.size);
		expect(toS3).toHaveLength(blobs.size);
		for (const [index, [name, data]] of [...blobs].entries()) {
			expect(toGcs[index].json).toMatchObject({
				container: gcsBucket,
				key: `${gcsPrefix}${name}`,
				size: data.length,
				md5: md5(data),
			});
			expect(toS3[index].json).toMatchObject({
				container: bucket,
				key: `copied/${name}`,
				size: data.length,
				md5: md5(data),
			});

			const fromGcs = await fetch(
				`${emulator.emulatorHost}/b/${gcsBucket}/o/${encodeURIComponent(`${gcsPrefix}${name}`)}?alt=media`,
			);
			expect(fromGcs.status).toBe(200);
			expect(md5(Buffer.from(await fromGcs.arrayBuffer()))).toBe(md5(data));
			const fromS3 = await s3.download(bucket, `copied/${name}`);
			expect(md5(await readAll(fromS3.stream))).toBe(md5(data));
		}
		// Nothing outside the prefix travelled.
		const copied = [];
		for await (const entry of s3.listObjects(bucket)) copied.push(entry);
		expect(copied.map((entry) => (entry as { key?: string }).key).sort()).toEqual(
			[...blobs.keys()].map((name) => `copied/${name}`).sort(),
		);
	});
});
