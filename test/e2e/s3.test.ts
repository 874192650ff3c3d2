/**
 * The S3 node and the Cloud Storage node's S3 backend inside a real n8n (filesystem
 * binary mode), against the local Swift s3api.
 */
import { createHash, randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { N8nInstance } from './harness/n8n';
import { PACK, keyLocator, locator, manualTrigger, workflow } from './harness/workflow';
import { bucketsOfThisRun, swiftCredential } from '../integration/s3Support';

jest.setTimeout(10 * 60_000);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const CREDENTIAL = { cloudPackS3Api: { id: 's3Swift0000001', name: 'Swift S3 e2e' } };

const s3Node = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.s3`,
	parameters,
	credentials: CREDENTIAL,
});
const storage = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: `${PACK}.cloudStorage`,
	parameters: { backend: 's3', ...parameters },
	credentials: CREDENTIAL,
});

function binaryFile(n8n: N8nInstance, binary: { id: string }): string {
	return path.join(n8n.folder, '.n8n', 'storage', binary.id.replace(/^filesystem(-v2)?:/, ''));
}

describe('S3 inside a real n8n', () => {
	let n8n: N8nInstance;
	let s3: S3Service;
	const bucket = `e2e-s3-${process.pid}-${Date.now().toString(36)}`;
	const storageBucket = `${bucket}-cs`;

	beforeAll(async () => {
		s3 = await S3Service.fromCredential(swiftCredential());
		await s3.createBucket(bucket);
		n8n = await N8nInstance.create({}, 'server');
		await n8n.importCredentials([
			{
				id: 's3Swift0000001',
				name: 'Swift S3 e2e',
				type: 'cloudPackS3Api',
				data: swiftCredential(),
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		for (const name of [bucket, storageBucket])
			await s3?.deleteBucket(name, { force: true }).catch(() => undefined);
		s3?.destroy();
	});

	it('uploads (multipart), lists, downloads and presigns with the S3 node', async () => {
		const payload = randomBytes(6 * 1024 * 1024 + 321);
		const code = `return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('${payload.toString('base64')}', 'base64'), 'payload.bin', 'application/octet-stream') } }];`;
		await n8n.importWorkflow(
			workflow('e2eS3RoundTrip', [
				manualTrigger,
				{ name: 'Make', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } },
				s3Node('Upload', {
					resource: 'object',
					operation: 'upload',
					bucket: locator(bucket),
					key: 'in/payload.bin',
					options: { partSizeMiB: 5, metadata: '{"origin": "e2e"}' },
				}),
				s3Node('List', {
					resource: 'object',
					operation: 'list',
					bucket: locator(bucket),
					returnAll: true,
					options: { prefix: 'in/' },
				}),
				s3Node('Download', {
					resource: 'object',
					operation: 'download',
					bucket: locator(bucket),
					key: keyLocator('={{ $json.key }}'),
				}),
				s3Node('Presign GET', {
					resource: 'object',
					operation: 'presign',
					bucket: locator(bucket),
					key: keyLocator('={{ $json.key }}'),
					method: 'GET',
					expiresIn: 600,
				}),
				s3Node('Presign PUT', {
					resource: 'object',
					operation: 'presign',
					bucket: locator(bucket),
					key: keyLocator('in/put.txt'),
					method: 'PUT',
					expiresIn: 600,
					contentType: 'text/plain',
				}),
			]),
		);
		const run = await n8n.execute('e2eS3RoundTrip');

		const [uploaded] = run.output('Upload');
		expect(uploaded.json).toMatchObject({
			bucket,
			key: 'in/payload.bin',
			size: payload.length,
			multipart: true,
			metadata: { origin: 'e2e' },
		});
		expect(uploaded.json.etag).toMatch(/-2$/);

		expect(run.output('List').map((item) => item.json.key)).toEqual(['in/payload.bin']);

		const [downloaded] = run.output('Download');
		expect(downloaded.json).toMatchObject({
			key: 'in/payload.bin',
			size: payload.length,
			metadata: { origin: 'e2e' },
		});
		const binary = downloaded.binary!.data;
		expect(binary.id).toMatch(/^filesystem/);
		expect(binary.fileName).toBe('payload.bin');
		expect(sha256(readFileSync(binaryFile(n8n, binary)))).toBe(sha256(payload));

		const [get] = run.output('Presign GET');
		const fetched = Buffer.from(await (await fetch(get.json.url)).arrayBuffer());
		expect(md5(fetched)).toBe(md5(payload));

		const [put] = run.output('Presign PUT');
		const response = await fetch(put.json.url, {
			method: 'PUT',
			body: 'put through a presigned URL',
			headers: { 'content-type': 'text/plain' },
		});
		expect(response.status).toBe(200);
		expect(await s3.headObject(bucket, 'in/put.txt')).toMatchObject({
			size: 27,
			contentType: 'text/plain',
		});
	});

	it('runs the Cloud Storage node on the S3 backend', async () => {
		const code = `return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('cloud storage on s3'), 'note.txt', 'text/plain') } }];`;
		await n8n.importWorkflow(
			workflow('e2eCloudStorageS3', [
				manualTrigger,
				storage('Create', {
					resource: 'container',
					operation: 'create',
					containerName: storageBucket,
					ifNotExists: true,
				}),
				{ name: 'Make', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: code } },
				storage('Upload', {
					resource: 'object',
					operation: 'upload',
					container: locator(storageBucket),
					key: 'notes/note.txt',
				}),
				storage('Copy', {
					resource: 'object',
					operation: 'copy',
					sourceContainer: locator(storageBucket),
					sourceKey: keyLocator('notes/note.txt'),
					targetKey: 'notes/copy.txt',
				}),
				storage('List', {
					resource: 'object',
					operation: 'list',
					container: locator(storageBucket),
					returnAll: true,
				}),
				storage('Download', {
					resource: 'object',
					operation: 'download',
					container: locator(storageBucket),
					key: keyLocator('notes/copy.txt'),
				}),
				storage('URL', {
					resource: 'object',
					operation: 'getUrl',
					container: locator(storageBucket),
					key: keyLocator('notes/copy.txt'),
					expiresIn: 60,
				}),
			]),
		);
		const run = await n8n.execute('e2eCloudStorageS3');
		expect(run.output('Create')[0].json).toMatchObject({ name: storageBucket, created: true });
		expect(run.output('Upload')[0].json).toMatchObject({
			container: storageBucket,
			key: 'notes/note.txt',
			size: 19,
			md5: md5(Buffer.from('cloud storage on s3')),
		});
		expect(run.output('List').map((item) => item.json.key)).toEqual([
			'notes/copy.txt',
			'notes/note.txt',
		]);
		const binary = run.output('Download')[0].binary!.data;
		expect(readFileSync(binaryFile(n8n, binary), 'utf8')).toBe('cloud storage on s3');
		const url = run.output('URL')[0].json.url as string;
		expect(await (await fetch(url)).text()).toBe('cloud storage on s3');
	});

	it('deletes truthfully, checks metadata clearly and copies onto itself, in both nodes', async () => {
		for (const key of ['gone/s3.txt', 'gone/cs.txt']) await s3.uploadData(bucket, key, 'to delete');
		for (const key of ['self/s3.txt', 'self/cs.txt'])
			await s3.uploadData(bucket, key, 'itself', {
				contentType: 'text/x-self',
				metadata: { origin: 'self' },
			});
		const tolerant = { onError: 'continueRegularOutput' };
		const code = `return [{ json: {}, binary: { data: await this.helpers.prepareBinaryData(Buffer.from('never stored'), 'zurich.txt', 'text/plain') } }];`;
		await n8n.importWorkflow(
			workflow(
				'e2eS3Truthful',
				[
					manualTrigger,
					{
						...s3Node('S3 Delete Missing', {
							resource: 'object',
							operation: 'delete',
							bucket: locator(bucket),
							key: keyLocator('never/was.txt'),
						}),
						...tolerant,
					},
					s3Node('S3 Delete Many', {
						resource: 'object',
						operation: 'deleteMany',
						bucket: locator(bucket),
						keys: 'gone/s3.txt, never/was.txt',
					}),
					{
						...storage('CS Delete Missing', {
							resource: 'object',
							operation: 'delete',
							container: locator(bucket),
							key: keyLocator('never/was.txt'),
						}),
						...tolerant,
					},
					storage('CS Delete Many', {
						resource: 'object',
						operation: 'deleteMany',
						container: locator(bucket),
						keys: 'gone/cs.txt, never/was.txt',
					}),
					{
						name: 'Make',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: code },
					},
					{
						...s3Node('S3 Upload Zurich', {
							resource: 'object',
							operation: 'upload',
							bucket: locator(bucket),
							key: 'zurich/s3.txt',
							options: { metadata: '{"city": "Zürich"}' },
						}),
						...tolerant,
					},
					{
						...storage('CS Upload Zurich', {
							resource: 'object',
							operation: 'upload',
							container: locator(bucket),
							key: 'zurich/cs.txt',
							options: { metadata: { entry: [{ name: 'city', value: 'Zürich' }] } },
						}),
						...tolerant,
					},
					s3Node('S3 Copy Self', {
						resource: 'object',
						operation: 'copy',
						sourceBucket: locator(bucket),
						sourceKey: keyLocator('self/s3.txt'),
						destinationKey: 'self/s3.txt',
					}),
					storage('CS Copy Self', {
						resource: 'object',
						operation: 'copy',
						sourceContainer: locator(bucket),
						sourceKey: keyLocator('self/cs.txt'),
						targetKey: 'self/cs.txt',
					}),
				],
				[
					['Start', 'S3 Delete Missing'],
					['Start', 'S3 Delete Many'],
					['Start', 'CS Delete Missing'],
					['Start', 'CS Delete Many'],
					['Start', 'Make', 'S3 Upload Zurich'],
					['Make', 'CS Upload Zurich'],
					['Start', 'S3 Copy Self'],
					['Start', 'CS Copy Self'],
				],
			),
		);
		const run = await n8n.execute('e2eS3Truthful');
		const missing = (where: string) =>
			`Object "never/was.txt" does not exist in ${where} "${bucket}"`;

		expect(run.output('S3 Delete Missing')[0].json.error).toBe(missing('bucket'));
		expect(run.output('CS Delete Missing')[0].json.error).toBe(missing('container'));
		expect(run.output('S3 Delete Many').map((item) => item.json)).toEqual([
			{ bucket, key: 'gone/s3.txt', deleted: true },
			{ bucket, key: 'never/was.txt', deleted: false, error: missing('bucket') },
		]);
		expect(run.output('CS Delete Many').map((item) => item.json)).toEqual([
			{ container: bucket, key: 'gone/cs.txt', deleted: true },
			{ container: bucket, key: 'never/was.txt', deleted: false, error: missing('container') },
		]);

		const metadataError =
			'Invalid "Metadata": the value of "city" must be printable ASCII (S3 sends metadata as HTTP headers)';
		expect(run.output('S3 Upload Zurich')[0].json.error).toBe(metadataError);
		expect(run.output('CS Upload Zurich')[0].json.error).toBe(metadataError);

		for (const [node, key] of [
			['S3 Copy Self', 'self/s3.txt'],
			['CS Copy Self', 'self/cs.txt'],
		]) {
			expect(run.output(node)[0].json).toMatchObject({
				key,
				contentType: 'text/x-self',
				metadata: { origin: 'self' },
			});
			expect(await s3.headObject(bucket, key)).toMatchObject({
				size: 6,
				contentType: 'text/x-self',
				metadata: { origin: 'self' },
			});
		}
		const left: string[] = [];
		for await (const entry of s3.listObjects(bucket, { prefix: '' }))
			if (entry.type === 'object') left.push(entry.key);
		expect(left.filter((key) => /^(gone|zurich|never)\//.test(key))).toEqual([]);
	});

	it('stops on an invalid bucket name with an error naming the parameter, creating nothing', async () => {
		await n8n.importWorkflow(
			workflow('e2eS3BadBucket', [
				manualTrigger,
				s3Node('Create', { resource: 'bucket', operation: 'create', bucketName: 'Not_Valid' }),
			]),
		);
		const before = await bucketsOfThisRun(s3);
		const failure = await n8n.executeExpectingFailure('e2eS3BadBucket');
		expect(failure).toMatch(
			/Invalid "Bucket Name" "Not_Valid": it must be lower case \(S3 bucket naming rules\)/,
		);
		expect(await bucketsOfThisRun(s3)).toEqual(before);
	});
});
