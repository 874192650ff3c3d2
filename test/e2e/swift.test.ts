/**
 * The OpenStack Object Storage node and the Cloud Storage node's Swift backend inside a real
 * n8n 2.40.7 (filesystem binary mode), against the local Swift behind Keystone: upload → list →
 * download → compare (a large object in segments too), a temporary URL fetched by n8n's HTTP
 * Request node, and a copy from S3 (the tempauth Swift's s3api) to Swift in one workflow.
 */
import { createHash, randomBytes } from 'crypto';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { SwiftClient } from '../../nodes/shared/storage/drivers/swift/client';
import { deleteContainer } from '../../nodes/shared/storage/drivers/swift/containers';
import { N8nInstance } from './harness/n8n';
import { PACK, keyLocator, locator, manualTrigger, workflow } from './harness/workflow';
import { swiftCredential } from '../integration/s3Support';
import { credentialStore, openStackContext } from '../helpers/openstack/context';
import { memberAppCredential, openStackServers, unique } from '../helpers/openstack/servers';

jest.setTimeout(15 * 60_000);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const OPENSTACK = { cloudPackOpenStackApi: { id: 'swiftE2eOpenSt1', name: 'OpenStack e2e' } };
const S3 = { cloudPackS3Api: { id: 'swiftE2eS3Swift', name: 'S3 (tempauth Swift)' } };

const swiftNode = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.openStackObjectStorage`,
	parameters,
	credentials: OPENSTACK,
});
const storage = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend: 'swift', ...parameters },
	credentials: OPENSTACK,
});
/** A Code node that emits one item whose binary holds `bytes`, with their SHA-256. */
const makeBinary = (name: string, bytes: Buffer, fileName: string) => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `const bytes = Buffer.from('${bytes.toString('base64')}', 'base64');
return [{ json: { sha256: '${sha256(bytes)}' }, binary: { data: await this.helpers.prepareBinaryData(bytes, '${fileName}', 'application/octet-stream') } }];`,
	},
});
/** A Code node that outputs the SHA-256 and size of each input item's binary `data`. */
const hashBinary = (name: string) => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `const crypto = require('crypto');
const out = [];
for (let i = 0; i < $input.all().length; i++) {
  const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
  out.push({ json: { sha256: crypto.createHash('sha256').update(buffer).digest('hex'), size: buffer.length } });
}
return out;`,
	},
});

describe('Swift inside a real n8n', () => {
	openStackServers();
	let n8n: N8nInstance;
	const swift = new SwiftClient(openStackContext(credentialStore(memberAppCredential())).ctx);
	const container = unique('e2e-swift');
	const storageContainer = `${container}-cs`;
	const bucket = unique('e2e-s3src').toLowerCase();
	let s3: S3Service;

	beforeAll(async () => {
		s3 = await S3Service.fromCredential(swiftCredential());
		await s3.createBucket(bucket);
		n8n = await N8nInstance.create({ NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' }, 'server');
		await n8n.importCredentials([
			{
				id: 'swiftE2eOpenSt1',
				name: 'OpenStack e2e',
				type: 'cloudPackOpenStackApi',
				data: memberAppCredential(),
			},
			{
				id: 'swiftE2eS3Swift',
				name: 'S3 (tempauth Swift)',
				type: 'cloudPackS3Api',
				data: swiftCredential(),
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		for (const name of [
			container,
			`${container}_segments`,
			storageContainer,
			`${storageContainer}_segments`,
		])
			await deleteContainer(swift, name, { force: true }).catch(() => undefined);
		await s3?.deleteBucket(bucket, { force: true }).catch(() => undefined);
		s3?.destroy();
	});

	it('uploads (a large object in segments), lists, downloads and compares with the Swift node; a temporary URL works over HTTP', async () => {
		const payload = randomBytes(9 * 1024 * 1024 + 77);
		await n8n.importWorkflow(
			workflow('e2eSwiftRoundTrip', [
				manualTrigger,
				swiftNode('Create', {
					resource: 'container',
					operation: 'create',
					containerName: container,
					ifNotExists: true,
					options: {},
				}),
				makeBinary('Make', payload, 'payload.bin'),
				swiftNode('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator(container),
					objectName: 'in/payload.bin',
					binaryPropertyName: 'data',
					options: {
						segmentSizeMiB: 4,
						concurrency: 2,
						metadata: { entry: [{ name: 'origin', value: 'e2e' }] },
					},
				}),
				swiftNode('List', {
					resource: 'object',
					operation: 'list',
					container: locator(container),
					returnAll: true,
					options: { prefix: 'in/' },
				}),
				swiftNode('Download', {
					resource: 'object',
					operation: 'download',
					container: locator(container),
					object: keyLocator('in/payload.bin'),
					binaryPropertyName: 'data',
				}),
				hashBinary('Hash'),
				swiftNode('Temp URL', {
					resource: 'object',
					operation: 'getTempUrl',
					container: locator(container),
					object: keyLocator('in/payload.bin'),
					method: 'GET',
					expiresIn: 600,
					setKeyIfMissing: true,
				}),
				{
					name: 'Fetch',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						url: '={{ $json.url }}',
						options: { response: { response: { responseFormat: 'file' } } },
					},
				},
				hashBinary('Hash Fetched'),
			]),
		);
		const run = await n8n.execute('e2eSwiftRoundTrip');
		expect(run.output('Upload')[0].json).toMatchObject({
			largeObject: 'static',
			segments: 3,
			size: payload.length,
			metadata: { origin: 'e2e' },
		});
		expect(run.output('List').map((item) => item.json.key)).toEqual(['in/payload.bin']);
		expect(run.output('Download')[0].json).toMatchObject({
			size: payload.length,
			largeObject: 'static',
		});
		expect(run.output('Hash')[0].json).toEqual({ sha256: sha256(payload), size: payload.length });
		expect(run.output('Temp URL')[0].json.url).toMatch(/temp_url_sig=/);
		expect(run.output('Hash Fetched')[0].json).toEqual({
			sha256: sha256(payload),
			size: payload.length,
		});
	});

	it('runs the Cloud Storage node on Swift: upload → list → download → compare, and a temporary URL for Get URL', async () => {
		const payload = randomBytes(3 * 1024 * 1024 + 5);
		await n8n.importWorkflow(
			workflow('e2eCloudStorageSwift', [
				manualTrigger,
				storage('Create', {
					resource: 'container',
					operation: 'create',
					containerName: storageContainer,
					ifNotExists: true,
				}),
				makeBinary('Make', payload, 'cs.bin'),
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator(storageContainer),
					key: 'dir/cs.bin',
					binaryPropertyName: 'data',
					options: {},
				}),
				storage('List', {
					resource: 'object',
					operation: 'list',
					container: locator(storageContainer),
					returnAll: true,
					options: { prefix: 'dir/' },
				}),
				storage('Download', {
					resource: 'object',
					operation: 'download',
					container: locator(storageContainer),
					key: keyLocator('dir/cs.bin'),
					binaryPropertyName: 'data',
				}),
				hashBinary('Hash'),
				storage('Get URL', {
					resource: 'object',
					operation: 'getUrl',
					container: locator(storageContainer),
					key: keyLocator('dir/cs.bin'),
					method: 'GET',
					expiresIn: 600,
				}),
			]),
		);
		const run = await n8n.execute('e2eCloudStorageSwift');
		expect(run.output('Upload')[0].json).toMatchObject({
			container: storageContainer,
			key: 'dir/cs.bin',
			size: payload.length,
		});
		expect(run.output('List').map((item) => item.json.key)).toEqual(['dir/cs.bin']);
		expect(run.output('Hash')[0].json).toEqual({ sha256: sha256(payload), size: payload.length });
		const url = run.output('Get URL')[0].json.url as string;
		expect(url).toMatch(/temp_url_sig=[0-9a-f]{64}/);
		const fetched = Buffer.from(await (await fetch(url)).arrayBuffer());
		expect(sha256(fetched)).toBe(sha256(payload));
	});

	it('copies an object from S3 to Swift in one workflow', async () => {
		const payload = randomBytes(6 * 1024 * 1024 + 11);
		await s3.upload(bucket, 'src/data.bin', (await import('stream')).Readable.from([payload]), {
			size: payload.length,
		});
		await n8n.importWorkflow(
			workflow('e2eS3ToSwift', [
				manualTrigger,
				{
					name: 'From S3',
					type: `${PACK}.s3`,
					parameters: {
						resource: 'object',
						operation: 'download',
						bucket: locator(bucket),
						key: keyLocator('src/data.bin'),
					},
					credentials: S3,
				},
				storage('To Swift', {
					resource: 'object',
					operation: 'upload',
					container: locator(storageContainer),
					key: 'from-s3/data.bin',
					binaryPropertyName: 'data',
					options: {},
				}),
				storage('Back', {
					resource: 'object',
					operation: 'download',
					container: locator(storageContainer),
					key: keyLocator('from-s3/data.bin'),
					binaryPropertyName: 'data',
				}),
				hashBinary('Hash'),
			]),
		);
		const run = await n8n.execute('e2eS3ToSwift');
		expect(run.output('To Swift')[0].json).toMatchObject({
			key: 'from-s3/data.bin',
			size: payload.length,
		});
		expect(run.output('Hash')[0].json).toEqual({ sha256: sha256(payload), size: payload.length });
	});
});
