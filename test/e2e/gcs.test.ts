/**
 * Google Cloud Storage inside a real n8n: the Google Cloud Storage node and the Cloud Storage
 * node on its gcs backend, against the firebase-tools emulator (test/servers/gcs) and, for
 * what the emulator lacks (bucket create/get/delete, chunked resumable uploads), the
 * spec-checked GCS fake (test/fakes/gcs) served from this test process.
 */
import { createHash, randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';

import { startGcsFake, type GcsFake } from '../fakes/gcs/server';
import { gcsCredentialData, gcsEmulator } from '../helpers/gcs';
import { N8nInstance } from './harness/n8n';
import {
	PACK,
	locator,
	makeFiles,
	manualTrigger,
	workflow,
	type WorkflowNode,
} from './harness/workflow';

jest.setTimeout(10 * 60_000);

const emulator = gcsEmulator();
const BUCKET = 'cloud-pack-e2e';
const COPIES = 'cloud-pack-e2e-copy';
const RUN = `e2e-${process.pid}-${Date.now()}`;
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const EMULATOR = {
	cloudPackGoogleCloudStorageApi: { id: 'gcsEmulator001', name: 'GCS emulator e2e' },
};
const FAKE = { cloudPackGoogleCloudStorageApi: { id: 'gcsFake0000001', name: 'GCS fake e2e' } };

const gcsNode = (
	name: string,
	parameters: Record<string, unknown>,
	credentials = EMULATOR,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode => ({
	name,
	type: `${PACK}.googleCloudStorage`,
	parameters,
	credentials,
	...extra,
});
const storage = (
	name: string,
	parameters: Record<string, unknown>,
	credentials = EMULATOR,
): WorkflowNode => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend: 'gcs', ...parameters },
	credentials,
});
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** A Code node emitting one item whose binary "data" holds the given bytes. */
function makeBinary(
	name: string,
	payload: Buffer,
	fileName: string,
	mimeType: string,
): WorkflowNode {
	const code = `return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('${payload.toString('base64')}', 'base64'), '${fileName}', '${mimeType}') } }];`;
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } };
}

function binaryFile(n8n: N8nInstance, binary: { id: string }): string {
	return path.join(n8n.folder, '.n8n', 'storage', binary.id.replace(/^filesystem(-v2)?:/, ''));
}

/** The emulator's own view of an object (JSON API, no SDK): undefined when absent. */
async function emulatorObject(
	bucket: string,
	name: string,
): Promise<Record<string, any> | undefined> {
	const response = await fetch(
		`${emulator.emulatorHost}/b/${bucket}/o/${encodeURIComponent(name)}`,
	);
	if (response.status === 404) return undefined;
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, any>;
}

async function emulatorBytes(bucket: string, name: string): Promise<Buffer> {
	const response = await fetch(
		`${emulator.emulatorHost}/b/${bucket}/o/${encodeURIComponent(name)}?alt=media`,
	);
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

async function emulatorList(bucket: string, prefix: string): Promise<string[]> {
	const response = await fetch(
		`${emulator.emulatorHost}/b/${bucket}/o?prefix=${encodeURIComponent(prefix)}`,
	);
	const body = (await response.json()) as { items?: Array<{ name: string }> };
	return (body.items ?? []).map((item) => item.name);
}

describe('Google Cloud Storage inside a real n8n', () => {
	let n8n: N8nInstance;
	let fake: GcsFake;

	beforeAll(async () => {
		fake = await startGcsFake({ projectId: 'e2e-fake-project' });
		n8n = await N8nInstance.create({}, 'server');
		await n8n.importCredentials([
			{
				id: 'gcsEmulator001',
				name: 'GCS emulator e2e',
				type: 'cloudPackGoogleCloudStorageApi',
				data: gcsCredentialData(emulator.emulatorHost, 'emulator', emulator.projectId),
			},
			{
				id: 'gcsFake0000001',
				name: 'GCS fake e2e',
				type: 'cloudPackGoogleCloudStorageApi',
				data: gcsCredentialData(fake.url, 'emulator', 'e2e-fake-project'),
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await fake?.close();
	});

	it('GCS node: upload, metadata, list, download, update, copy, signed URL and delete in one workflow', async () => {
		const payload = randomBytes(300_000);
		const key = `${RUN}/node/report 1.bin`;
		const copyKey = `${RUN}/copies/report 1.bin`;
		await n8n.importWorkflow(
			workflow('e2eGcsNode', [
				manualTrigger,
				makeBinary('Make', payload, 'report 1.bin', 'application/x-report'),
				gcsNode('Upload', {
					resource: 'object',
					operation: 'upload',
					bucket: byName(BUCKET),
					objectName: key,
					options: {
						metadata: { entry: [{ name: 'owner', value: 'e2e' }] },
						cacheControl: 'no-cache',
					},
				}),
				gcsNode('Get Metadata', {
					resource: 'object',
					operation: 'get',
					bucket: byName(BUCKET),
					objectName: byName('={{ $json.key }}'),
				}),
				gcsNode('List', {
					resource: 'object',
					operation: 'list',
					bucket: byName(BUCKET),
					returnAll: true,
					options: { prefix: `${RUN}/node/` },
				}),
				gcsNode('Download', {
					resource: 'object',
					operation: 'download',
					bucket: byName(BUCKET),
					objectName: byName('={{ $json.key }}'),
					binaryPropertyName: 'file',
				}),
				gcsNode('Download Range', {
					resource: 'object',
					operation: 'download',
					bucket: byName(BUCKET),
					objectName: byName(key),
					useRange: true,
					rangeStart: 1000,
					rangeEnd: 1999,
				}),
				gcsNode('Update', {
					resource: 'object',
					operation: 'update',
					bucket: byName(BUCKET),
					objectName: byName(key),
					updateFields: {
						contentType: 'text/x-updated',
						metadata: { entry: [{ name: 'stage', value: 'done' }] },
						removeMetadata: 'owner',
					},
				}),
				gcsNode('Copy', {
					resource: 'object',
					operation: 'copy',
					sourceBucket: byName(BUCKET),
					sourceObject: byName(key),
					destinationBucket: byName(COPIES),
					destinationObject: copyKey,
				}),
				gcsNode('Signed URL', {
					resource: 'object',
					operation: 'getSignedUrl',
					bucket: byName(COPIES),
					objectName: byName(copyKey),
					expiresIn: 600,
				}),
				gcsNode('Delete', {
					resource: 'object',
					operation: 'delete',
					bucket: byName(BUCKET),
					objectName: byName(key),
				}),
			]),
		);
		const run = await n8n.execute('e2eGcsNode');

		const uploaded = run.output('Upload');
		expect(uploaded).toHaveLength(1);
		expect(uploaded[0].json).toMatchObject({
			container: BUCKET,
			key,
			size: payload.length,
			md5: md5(payload),
			contentType: 'application/x-report',
		});
		expect(run.output('Get Metadata')[0].json).toMatchObject({
			key,
			size: payload.length,
			metadata: { owner: 'e2e' },
			cacheControl: 'no-cache',
		});
		expect(run.output('List').map((item) => item.json.key)).toEqual([key]);

		const downloaded = run.output('Download');
		expect(downloaded[0].json).toMatchObject({ key, size: payload.length });
		const file = downloaded[0].binary!.file;
		expect(file).toMatchObject({ fileName: 'report 1.bin', mimeType: 'application/x-report' });
		expect(file.id).toMatch(/^filesystem/);
		expect(sha256(readFileSync(binaryFile(n8n, file)))).toBe(sha256(payload));
		const range = run.output('Download Range')[0];
		expect(range.json).toMatchObject({ size: 1000, range: `bytes 1000-1999/${payload.length}` });
		expect(sha256(readFileSync(binaryFile(n8n, range.binary!.data)))).toBe(
			sha256(payload.subarray(1000, 2000)),
		);

		const updated = run.output('Update')[0].json;
		expect(updated).toMatchObject({ contentType: 'text/x-updated', metadata: { stage: 'done' } });
		expect(updated.metadata).not.toHaveProperty('owner');
		expect(run.output('Copy')[0].json).toMatchObject({
			container: COPIES,
			key: copyKey,
			size: payload.length,
			md5: md5(payload),
		});

		const signed = run.output('Signed URL')[0].json;
		expect(signed).toMatchObject({
			bucket: COPIES,
			objectName: copyKey,
			method: 'GET',
			expiresIn: 600,
		});
		expect(signed.url).toMatch(
			new RegExp(`^${emulator.emulatorHost}/${COPIES}/.*X-Goog-Signature=[0-9a-f]+`),
		);
		const fetched = await fetch(signed.url);
		expect(fetched.status).toBe(200);
		expect(sha256(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256(payload));

		expect(run.output('Delete')[0].json).toEqual({
			bucket: BUCKET,
			objectName: key,
			deleted: true,
		});
		expect(await emulatorObject(BUCKET, key)).toBeUndefined();
		expect(sha256(await emulatorBytes(COPIES, copyKey))).toBe(sha256(payload));
		// no secret in any output item
		expect(JSON.stringify(run.raw.data.resultData.runData)).not.toMatch(/PRIVATE KEY|private_key/);
	});

	it('Cloud Storage node on the gcs backend: list buckets, upload, list, download, URL, copy, delete', async () => {
		const payload = randomBytes(120_000);
		const key = `${RUN}/unified/data.bin`;
		await n8n.importWorkflow(
			workflow(
				'e2eGcsUnified',
				[
					manualTrigger,
					storage('Buckets', { resource: 'container', operation: 'list', returnAll: true }),
					makeBinary('Make', payload, 'data.bin', 'application/octet-stream'),
					storage('Upload', {
						resource: 'object',
						operation: 'upload',
						container: locator(BUCKET),
						key,
						options: { expectedMd5: md5(payload) },
					}),
					storage('List', {
						resource: 'object',
						operation: 'list',
						container: locator(BUCKET),
						returnAll: true,
						options: { prefix: `${RUN}/unified/` },
					}),
					storage('Download', {
						resource: 'object',
						operation: 'download',
						container: locator(BUCKET),
						key: { __rl: true, mode: 'key', value: key },
					}),
					storage('Copy', {
						resource: 'object',
						operation: 'copy',
						sourceContainer: locator(BUCKET),
						sourceKey: { __rl: true, mode: 'key', value: key },
						targetContainer: locator(COPIES),
						targetKey: `${RUN}/unified/copy.bin`,
					}),
					storage('URL', {
						resource: 'object',
						operation: 'getUrl',
						container: locator(COPIES),
						key: { __rl: true, mode: 'key', value: `${RUN}/unified/copy.bin` },
						expiresIn: 60,
					}),
					storage('Delete', {
						resource: 'object',
						operation: 'delete',
						container: locator(BUCKET),
						key: { __rl: true, mode: 'key', value: key },
					}),
				],
				[
					['Start', 'Buckets'],
					['Start', 'Make', 'Upload', 'List', 'Download', 'Copy', 'URL', 'Delete'],
				],
			),
		);
		const run = await n8n.execute('e2eGcsUnified');
		expect(run.output('Buckets').map((item) => item.json.name)).toEqual(
			expect.arrayContaining([BUCKET, COPIES, emulator.bucket]),
		);
		expect(run.output('Upload')[0].json).toMatchObject({
			container: BUCKET,
			key,
			size: payload.length,
			md5: md5(payload),
		});
		expect(run.output('List').map((item) => [item.json.type, item.json.key])).toEqual([
			['object', key],
		]);
		const downloaded = run.output('Download')[0];
		expect(sha256(readFileSync(binaryFile(n8n, downloaded.binary!.data)))).toBe(sha256(payload));
		const url = run.output('URL')[0].json.url as string;
		expect(new URL(url).searchParams.get('X-Goog-Expires')).toBe('60');
		expect(sha256(Buffer.from(await (await fetch(url)).arrayBuffer()))).toBe(sha256(payload));
		expect(run.output('Copy')[0].json).toMatchObject({
			container: COPIES,
			key: `${RUN}/unified/copy.bin`,
			md5: md5(payload),
		});
		expect(run.output('Delete')[0].json).toEqual({ container: BUCKET, key, deleted: true });
		expect(await emulatorObject(BUCKET, key)).toBeUndefined();
	});

	it('bucket create, get, list and delete (on the GCS fake: the emulator cannot), through both nodes', async () => {
		await n8n.importWorkflow(
			workflow('e2eGcsBuckets', [
				manualTrigger,
				gcsNode(
					'Create',
					{
						resource: 'bucket',
						operation: 'create',
						bucketName: 'e2e-made-bucket',
						location: 'EU',
						storageClass: 'NEARLINE',
					},
					FAKE,
				),
				gcsNode(
					'Create Again',
					{
						resource: 'bucket',
						operation: 'create',
						bucketName: 'e2e-made-bucket',
						ifNotExists: true,
					},
					FAKE,
				),
				gcsNode(
					'Get',
					{ resource: 'bucket', operation: 'get', bucket: byName('e2e-made-bucket') },
					FAKE,
				),
				makeFiles('Make', [{ fileName: 'inside.txt', text: 'keeps the bucket busy' }]),
				gcsNode(
					'Upload',
					{
						resource: 'object',
						operation: 'upload',
						bucket: byName('e2e-made-bucket'),
						objectName: '',
					},
					FAKE,
				),
				gcsNode(
					'List Buckets',
					{
						resource: 'bucket',
						operation: 'list',
						returnAll: false,
						limit: 10,
						options: { prefix: 'e2e-' },
					},
					FAKE,
				),
				gcsNode(
					'Delete',
					{
						resource: 'bucket',
						operation: 'delete',
						bucket: byName('e2e-made-bucket'),
						force: true,
					},
					FAKE,
				),
				storage(
					'Unified Create',
					{ resource: 'container', operation: 'create', containerName: 'e2e-unified-bucket' },
					FAKE,
				),
				storage(
					'Unified Get',
					{ resource: 'container', operation: 'get', container: locator('e2e-unified-bucket') },
					FAKE,
				),
				storage(
					'Unified Delete',
					{ resource: 'container', operation: 'delete', container: locator('e2e-unified-bucket') },
					FAKE,
				),
			]),
		);
		const run = await n8n.execute('e2eGcsBuckets');
		expect(run.output('Create')[0].json).toMatchObject({
			name: 'e2e-made-bucket',
			location: 'EU',
			storageClass: 'NEARLINE',
			created: true,
		});
		expect(run.output('Create Again')[0].json).toMatchObject({
			name: 'e2e-made-bucket',
			created: false,
			storageClass: 'NEARLINE',
		});
		expect(run.output('Get')[0].json).toMatchObject({ name: 'e2e-made-bucket', location: 'EU' });
		expect(run.output('Upload')[0].json).toMatchObject({ key: 'inside.txt', size: 21 });
		expect(run.output('List Buckets').map((item) => item.json.name)).toEqual(['e2e-made-bucket']);
		expect(run.output('Delete')[0].json).toEqual({ bucket: 'e2e-made-bucket', deleted: true });
		expect(run.output('Unified Create')[0].json).toMatchObject({
			name: 'e2e-unified-bucket',
			created: true,
		});
		expect(run.output('Unified Get')[0].json).toMatchObject({ name: 'e2e-unified-bucket' });
		expect(run.output('Unified Delete')[0].json).toEqual({
			container: 'e2e-unified-bucket',
			deleted: true,
		});
		const names =
			(
				(await (await fetch(`${fake.url}/storage/v1/b?project=x`)).json()) as {
					items?: Array<{ name: string }>;
				}
			).items ?? [];
		expect(names.map((b) => b.name)).not.toContain('e2e-made-bucket');
		expect(names.map((b) => b.name)).not.toContain('e2e-unified-bucket');
	});

	it('uploads resumable in 1 MiB chunks from n8n (on the GCS fake: the emulator takes one request only)', async () => {
		fake.addBucket('e2e-chunks');
		const payload = randomBytes(3 * 1024 * 1024 + 4321);
		const before = fake.requests.length;
		await n8n.importWorkflow(
			workflow('e2eGcsChunks', [
				manualTrigger,
				makeBinary('Make', payload, 'chunky.bin', 'application/octet-stream'),
				gcsNode(
					'Upload',
					{
						resource: 'object',
						operation: 'upload',
						bucket: byName('e2e-chunks'),
						objectName: 'chunky.bin',
						options: { chunkSize: 1, resumableThreshold: 1 },
					},
					FAKE,
				),
			]),
		);
		const run = await n8n.execute('e2eGcsChunks');
		expect(run.output('Upload')[0].json).toMatchObject({ size: payload.length, md5: md5(payload) });
		const puts = fake.requests.slice(before).filter((r) => r.method === 'PUT');
		expect(puts.map((r) => r.status)).toEqual([308, 308, 308, 200]);
		expect(puts[0].contentRange).toBe('bytes 0-1048575/*');
		expect(sha256(readFileSync(fake.objectFile('e2e-chunks', 'chunky.bin')!))).toBe(
			sha256(payload),
		);
	});

	it('uploads as a parallel composite from n8n: parts at once, composed, CRC32C checked, temporaries deleted (GCS fake)', async () => {
		fake.addBucket('e2e-composite');
		const payload = randomBytes(5 * 1024 * 1024 + 777);
		const before = fake.requests.length;
		await n8n.importWorkflow(
			workflow('e2eGcsComposite', [
				manualTrigger,
				makeBinary('Make', payload, 'composed.bin', 'application/x-composed'),
				gcsNode(
					'Upload',
					{
						resource: 'object',
						operation: 'upload',
						bucket: byName('e2e-composite'),
						objectName: 'composed.bin',
						options: {
							compositeThreshold: 1,
							compositePartSize: 1,
							compositeConcurrency: 3,
							expectedMd5: md5(payload),
						},
					},
					FAKE,
				),
			]),
		);
		const run = await n8n.execute('e2eGcsComposite');
		expect(run.output('Upload')[0].json).toMatchObject({
			size: payload.length,
			contentType: 'application/x-composed',
		});
		const requests = fake.requests.slice(before);
		expect(
			requests.filter((r) => r.method === 'POST' && /uploadType=multipart/.test(r.path)),
		).toHaveLength(6);
		expect(requests.filter((r) => /composed\.bin\/compose/.test(r.path))).toHaveLength(1);
		expect(sha256(readFileSync(fake.objectFile('e2e-composite', 'composed.bin')!))).toBe(
			sha256(payload),
		);
		// the temporary parts were deleted: the bucket holds the object alone
		const listing = await fetch(`${fake.url}/storage/v1/b/e2e-composite/o`);
		const names = ((await listing.json()) as { items?: Array<{ name: string }> }).items ?? [];
		expect(names.map((item) => item.name)).toEqual(['composed.bin']);
	});

	describe('bad input: an error naming the parameter, and nothing written', () => {
		const cases: Array<[string, WorkflowNode, RegExp]> = [
			[
				'an invalid bucket name',
				gcsNode('Upload', {
					resource: 'object',
					operation: 'upload',
					bucket: byName('Bad_Bucket!'),
					objectName: `${RUN}/bad/a.txt`,
				}),
				/Invalid "Bucket" "Bad_Bucket!": use only lowercase letters/,
			],
			[
				'an invalid bucket name on the Cloud Storage node',
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator('goog-nope'),
					key: `${RUN}/bad/b.txt`,
				}),
				/Invalid "Container" "goog-nope": it must not start with "goog"/,
			],
			[
				'an empty object name',
				gcsNode('Update', {
					resource: 'object',
					operation: 'update',
					bucket: byName(BUCKET),
					objectName: byName('  '),
					updateFields: { contentType: 'x/y' },
				}),
				/Invalid "Object Name": it must not be empty/,
			],
			[
				'a signed-URL expiry beyond 7 days',
				gcsNode('URL', {
					resource: 'object',
					operation: 'getSignedUrl',
					bucket: byName(BUCKET),
					objectName: byName('a.txt'),
					expiresIn: 604_801,
				}),
				/Invalid "Expires In \(Seconds\)" 604801: a v4 signed URL lasts from 1 second to 7 days/,
			],
			[
				'a missing binary property',
				gcsNode('Upload', {
					resource: 'object',
					operation: 'upload',
					bucket: byName(BUCKET),
					objectName: `${RUN}/bad/c.txt`,
					binaryPropertyName: 'nope',
				}),
				/Invalid "Input Binary Field": the input item has no binary property "nope"/,
			],
		];

		it.each(cases)('%s', async (label, node, message) => {
			const id = `e2eGcsBad${cases.findIndex(([l]) => l === label)}`;
			await n8n.importWorkflow(
				workflow(id, [
					manualTrigger,
					makeFiles('Make', [{ fileName: 'x.txt', text: 'never stored' }]),
					node,
				]),
			);
			const failure = await n8n.executeExpectingFailure(id);
			expect(failure).toMatch(message);
			expect(failure).not.toMatch(/PRIVATE KEY/);
			expect(await emulatorList(BUCKET, `${RUN}/bad/`)).toEqual([]);
		});

		it('with "Continue On Fail" the bad item becomes an error item and the good one is stored', async () => {
			await n8n.importWorkflow(
				workflow('e2eGcsContinue', [
					manualTrigger,
					makeFiles('Make', [
						{ fileName: 'good.txt', text: 'good' },
						{ fileName: 'bad\nname.txt', text: 'bad' },
					]),
					gcsNode(
						'Upload',
						{
							resource: 'object',
							operation: 'upload',
							bucket: byName(BUCKET),
							objectName: `=${RUN}/continue/{{ $json.fileName }}`,
						},
						EMULATOR,
						{
							onError: 'continueRegularOutput',
						} as unknown as Partial<WorkflowNode>,
					),
				]),
			);
			const run = await n8n.execute('e2eGcsContinue');
			const out = run.output('Upload');
			expect(out).toHaveLength(2);
			expect(out[0].json).toMatchObject({ key: `${RUN}/continue/good.txt`, size: 4 });
			expect(out[1].json.error).toMatch(
				/Invalid "Object Name"[\s\S]*carriage return or a line feed/,
			);
			expect(await emulatorList(BUCKET, `${RUN}/continue/`)).toEqual([`${RUN}/continue/good.txt`]);
		});
	});
});
