/**
 * The Cloud Storage node's own `execute` on its S3 backend (Swift's s3api), for what must mean
 * the same on every backend: deletes that report only what they deleted (the same per-key
 * results as the Local backend), S3's metadata rules with a clear error naming the
 * parameter, and a copy of an object onto itself.
 */
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { INodeExecutionData } from 'n8n-workflow';

import { CloudStorage } from '../../nodes/CloudStorage/CloudStorage.node';
import type { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { createExecuteContext, rl, type Params } from '../helpers/executeContext';
import { failure } from './s3NodeContext';
import { removeBuckets, swiftCredential, swiftService, uniqueBucket } from './s3Support';

jest.setTimeout(120_000);

const node = new CloudStorage();
let s3: S3Service;
let bucket: string;
let root: string;

async function run(
	backend: 's3' | 'local',
	params: Params,
	options: { binary?: Buffer; continueOnFail?: boolean } = {},
): Promise<INodeExecutionData[]> {
	const helper = createExecuteContext({
		description: node.description,
		credentials: {
			cloudPackS3Api: swiftCredential(),
			cloudPackLocalStorageApi: { rootDirectory: root },
		},
		continueOnFail: options.continueOnFail,
		params: { backend, ...params },
	});
	if (options.binary)
		helper.ctx.getInputData()[0].binary = {
			data: helper.putBinary(options.binary, 'note.txt', 'text/plain'),
		};
	const [output] = await node.execute.call(helper.ctx);
	return output;
}

beforeAll(async () => {
	s3 = await swiftService();
	bucket = uniqueBucket('cs-s3');
	await s3.createBucket(bucket);
	root = await fs.mkdtemp(path.join(tmpdir(), 'cloudpack-cs-s3-'));
	// The Local backend holds a container of the same name, for side-by-side results.
	await fs.mkdir(path.join(root, bucket));
});

afterAll(async () => {
	await removeBuckets(s3, [bucket]);
	s3.destroy();
	await fs.rm(root, { recursive: true, force: true });
});

describe('the Cloud Storage node on S3', () => {
	it('Delete Many: per-key results mean the same as on the Local backend (a missing key is not deleted)', async () => {
		const keys = 'a.txt, never/was.txt, b.txt';
		const results: Record<string, unknown[]> = {};
		for (const backend of ['s3', 'local'] as const) {
			for (const key of ['a.txt', 'b.txt'])
				await run(
					backend,
					{ resource: 'object', operation: 'upload', container: rl(bucket), key },
					{ binary: Buffer.from(key) },
				);
			const output = await run(backend, {
				resource: 'object',
				operation: 'deleteMany',
				container: rl(bucket),
				keys,
			});
			results[backend] = output.map((item) => item.json);
		}
		expect(results.s3).toEqual([
			{ container: bucket, key: 'a.txt', deleted: true },
			{
				container: bucket,
				key: 'never/was.txt',
				deleted: false,
				error: `Object "never/was.txt" does not exist in container "${bucket}"`,
			},
			{ container: bucket, key: 'b.txt', deleted: true },
		]);
		expect(results.local).toEqual(results.s3);
		expect((await s3.listObjectsPage(bucket)).objects).toEqual([]);
	});

	it('Delete of a key that does not exist is an error, as on every backend', async () => {
		for (const backend of ['s3', 'local'] as const) {
			const error = await failure(
				run(backend, {
					resource: 'object',
					operation: 'delete',
					container: rl(bucket),
					key: rl('never/was.txt', 'key'),
				}),
			);
			expect(error.message).toBe(`Object "never/was.txt" does not exist in container "${bucket}"`);
			expect(error.description).toBe('Check the parameter "Key"');
		}
	});

	it('refuses metadata S3 cannot carry with the clear error naming "Metadata", writing nothing', async () => {
		const error = await failure(
			run(
				's3',
				{
					resource: 'object',
					operation: 'upload',
					container: rl(bucket),
					key: 'zurich.txt',
					options: { metadata: { entry: [{ name: 'city', value: 'Zürich' }] } },
				},
				{ binary: Buffer.from('never stored') },
			),
		);
		expect(error.message).toBe(
			'Invalid "Metadata": the value of "city" must be printable ASCII (S3 sends metadata as HTTP headers)',
		);
		expect(error.description).toBe('Check the parameter "Metadata"');
		expect(error.message).not.toMatch(/ERR_INVALID_CHAR|Could not reach/);
		expect((await s3.listObjectsPage(bucket)).objects).toEqual([]);
	});

	it('copies an object onto itself, keeping its metadata and content type', async () => {
		await run(
			's3',
			{
				resource: 'object',
				operation: 'upload',
				container: rl(bucket),
				key: 'self.txt',
				options: {
					contentType: 'text/x-self',
					metadata: { entry: [{ name: 'origin', value: 'self' }] },
				},
			},
			{ binary: Buffer.from('itself') },
		);
		const [copied] = await run('s3', {
			resource: 'object',
			operation: 'copy',
			sourceContainer: rl(bucket),
			sourceKey: rl('self.txt', 'key'),
			targetKey: 'self.txt',
		});
		expect(copied.json).toMatchObject({
			container: bucket,
			key: 'self.txt',
			size: 6,
			contentType: 'text/x-self',
			metadata: { origin: 'self' },
		});
		expect(await s3.headObject(bucket, 'self.txt')).toMatchObject({
			contentType: 'text/x-self',
			metadata: { origin: 'self' },
		});
	});
});
