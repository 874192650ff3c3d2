/**
 * The S3 node's own `execute` (router → actions → shared S3 code) against Swift's s3api:
 * every operation once, continueOnFail and pairedItem, and bad input that must be refused
 * with an error naming the parameter, before anything is written.
 */

import type { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { S3 } from '../../nodes/S3/S3.node';
import { binaryItem, failure, keyRl, rl, runS3Node } from './s3NodeContext';
import {
	bucketsOfThisRun,
	bytes,
	md5,
	readAll,
	removeBuckets,
	sha256,
	swiftService,
	uniqueBucket,
} from './s3Support';

jest.setTimeout(120_000);

let s3: S3Service;
let bucket: string;
const created: string[] = [];

async function snapshot(): Promise<{ buckets: string[]; objects: string[]; uploads: number }> {
	const objects: string[] = [];
	for await (const entry of s3.listObjects(bucket))
		if (entry.type === 'object') objects.push(`${entry.key}:${entry.etag}`);
	return {
		buckets: await bucketsOfThisRun(s3),
		objects,
		uploads: (await s3.listMultipartUploads(bucket)).length,
	};
}

beforeAll(async () => {
	s3 = await swiftService();
	bucket = uniqueBucket('node');
	created.push(bucket);
	await s3.createBucket(bucket);
});

afterAll(async () => {
	await removeBuckets(s3, created);
	s3.destroy();
});

describe('the S3 node', () => {
	it('describes itself as an n8n node usable as a tool, with a credential test', () => {
		const { description, methods } = new S3();
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([
			{ name: 'cloudPackS3Api', required: true, testedBy: 'testS3Credential' },
		]);
		expect(Object.keys(methods.listSearch)).toEqual([
			'searchBuckets',
			'searchObjects',
			'searchSourceObjects',
		]);
		const operations = description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => p.options!.map((o) => (o as { value: string }).value));
		expect(operations.sort()).toEqual(
			[
				'create',
				'delete',
				'exists',
				'getRegion',
				'list',
				'copy',
				'delete',
				'deleteMany',
				'download',
				'getMetadata',
				'getTags',
				'list',
				'presign',
				'setTags',
				'upload',
				'uploadData',
			].sort(),
		);
	});

	it('bucket: create (and succeed if it exists), exists, get region, list, delete with force', async () => {
		const name = uniqueBucket('node-bucket');
		created.push(name);
		const [made] = await runS3Node({ resource: 'bucket', operation: 'create', bucketName: name });
		expect(made.json).toEqual({ bucket: name, region: 'us-east-1', created: true });
		const [again] = await runS3Node({
			resource: 'bucket',
			operation: 'create',
			bucketName: name,
			options: { ifNotExists: true },
		});
		expect(again.json).toMatchObject({ bucket: name, created: false });
		const exists = await runS3Node({ resource: 'bucket', operation: 'exists', bucket: rl(name) });
		expect(exists[0].json).toEqual({ bucket: name, exists: true, accessible: true });
		const region = await runS3Node({
			resource: 'bucket',
			operation: 'getRegion',
			bucket: rl(name),
		});
		expect(region[0].json).toEqual({ bucket: name, region: 'us-east-1' });
		const listed = await runS3Node({ resource: 'bucket', operation: 'list', returnAll: true });
		expect(listed.map((item) => item.json.name)).toContain(name);
		const limited = await runS3Node({
			resource: 'bucket',
			operation: 'list',
			returnAll: false,
			limit: 1,
		});
		expect(limited).toHaveLength(1);
		await s3.uploadData(name, 'x.txt', 'x');
		const refused = await failure(
			runS3Node({ resource: 'bucket', operation: 'delete', bucket: rl(name) }),
		);
		expect(refused.message).toBe(
			`Bucket "${name}" is not empty; turn on "Force" to delete it with its objects`,
		);
		const [deleted] = await runS3Node({
			resource: 'bucket',
			operation: 'delete',
			bucket: rl(name),
			force: true,
		});
		expect(deleted.json).toEqual({ bucket: name, deleted: true, deletedObjects: 1 });
		const gone = await runS3Node({ resource: 'bucket', operation: 'exists', bucket: rl(name) });
		expect(gone[0].json).toEqual({ bucket: name, exists: false, accessible: false });
	});

	it('object: upload a binary property (multipart), get metadata, download it and a range', async () => {
		const data = bytes(11 * 1024 * 1024 + 5, 21);
		const [uploaded] = await runS3Node(
			{
				resource: 'object',
				operation: 'upload',
				bucket: rl(bucket),
				key: 'bin/data.bin',
				binaryPropertyName: 'data',
				options: {
					partSizeMiB: 5,
					concurrency: 2,
					metadata: '{"source": "node-test"}',
					storageClass: 'STANDARD',
					serverSideEncryption: 'AES256',
					acl: 'private',
					expectedMd5: md5(data),
				},
			},
			[binaryItem(data, 'data.bin', 'application/x-data')],
		);
		expect(uploaded.json).toMatchObject({
			bucket,
			key: 'bin/data.bin',
			size: data.length,
			md5: md5(data),
			multipart: true,
			contentType: 'application/x-data',
		});
		expect(uploaded.json).not.toHaveProperty('container');
		expect(uploaded.pairedItem).toEqual({ item: 0 });

		const [head] = await runS3Node({
			resource: 'object',
			operation: 'getMetadata',
			bucket: rl(bucket),
			key: keyRl('bin/data.bin'),
		});
		expect(head.json).toMatchObject({
			bucket,
			key: 'bin/data.bin',
			size: data.length,
			contentType: 'application/x-data',
			metadata: { source: 'node-test' },
		});

		const [downloaded] = await runS3Node({
			resource: 'object',
			operation: 'download',
			bucket: rl(bucket),
			key: keyRl('bin/data.bin'),
			binaryPropertyName: 'file',
		});
		expect(downloaded.binary!.file).toMatchObject({
			fileName: 'data.bin',
			mimeType: 'application/x-data',
		});
		expect(sha256(Buffer.from(downloaded.binary!.file.data, 'base64'))).toBe(sha256(data));

		const [range] = await runS3Node({
			resource: 'object',
			operation: 'download',
			bucket: rl(bucket),
			key: keyRl('bin/data.bin'),
			binaryPropertyName: 'data',
			useRange: true,
			rangeStart: 100,
			rangeEnd: 199,
		});
		expect(Buffer.from(range.binary!.data.data, 'base64')).toEqual(data.subarray(100, 200));
		expect(range.json).toMatchObject({ size: 100, range: `bytes 100-199/${data.length}` });
	});

	it('object: upload data as text and as JSON (upload_data), using the file name when the key is empty', async () => {
		const [text] = await runS3Node({
			resource: 'object',
			operation: 'uploadData',
			bucket: rl(bucket),
			key: 'data/note.txt',
			format: 'text',
			data: 'plain text',
		});
		expect(text.json).toMatchObject({
			key: 'data/note.txt',
			size: 10,
			contentType: 'text/plain; charset=utf-8',
		});
		const [json] = await runS3Node({
			resource: 'object',
			operation: 'uploadData',
			bucket: rl(bucket),
			key: 'data/value.json',
			format: 'json',
			data: '{ "a": [1, 2] }',
		});
		expect(json.json).toMatchObject({ contentType: 'application/json' });
		expect((await readAll((await s3.download(bucket, 'data/value.json')).stream)).toString()).toBe(
			'{"a":[1,2]}',
		);
		const [named] = await runS3Node(
			{
				resource: 'object',
				operation: 'upload',
				bucket: rl(bucket),
				key: '',
				binaryPropertyName: 'data',
			},
			[binaryItem('named', 'by-name.txt', 'text/plain')],
		);
		expect(named.json).toMatchObject({ key: 'by-name.txt', contentType: 'text/plain' });
	});

	it('object: list with Return All / Limit, prefix, delimiter and start-after', async () => {
		const listing = uniqueBucket('node-list');
		created.push(listing);
		await s3.createBucket(listing);
		await Promise.all(
			['a/1', 'a/2', 'a/3', 'b/1', 'top'].map((key) => s3.uploadData(listing, key, key)),
		);
		const all = await runS3Node({
			resource: 'object',
			operation: 'list',
			bucket: rl(listing),
			returnAll: true,
		});
		expect(all.map((i) => i.json.key)).toEqual(['a/1', 'a/2', 'a/3', 'b/1', 'top']);
		expect(all[0].json).toMatchObject({ type: 'object', bucket: listing, size: 3 });
		const two = await runS3Node({
			resource: 'object',
			operation: 'list',
			bucket: rl(listing),
			returnAll: false,
			limit: 2,
		});
		expect(two.map((i) => i.json.key)).toEqual(['a/1', 'a/2']);
		const folders = await runS3Node({
			resource: 'object',
			operation: 'list',
			bucket: rl(listing),
			returnAll: true,
			options: { delimiter: '/' },
		});
		expect(folders.map((i) => i.json.prefix ?? i.json.key)).toEqual(['a/', 'b/', 'top']);
		const after = await runS3Node({
			resource: 'object',
			operation: 'list',
			bucket: rl(listing),
			returnAll: true,
			options: { prefix: 'a/', startAfter: 'a/1' },
		});
		expect(after.map((i) => i.json.key)).toEqual(['a/2', 'a/3']);
	});

	it('object: copy across buckets, presign GET and PUT, get and set tags, delete and delete many', async () => {
		const target = uniqueBucket('node-target');
		created.push(target);
		await s3.createBucket(target);
		await s3.uploadData(bucket, 'src/one.txt', 'one', { metadata: { m: '1' } });
		const [copied] = await runS3Node({
			resource: 'object',
			operation: 'copy',
			sourceBucket: rl(bucket),
			sourceKey: keyRl('src/one.txt'),
			destinationBucket: rl(target),
			destinationKey: 'dst/one.txt',
		});
		expect(copied.json).toMatchObject({
			bucket: target,
			key: 'dst/one.txt',
			size: 3,
			metadata: { m: '1' },
		});

		// Onto itself (no destination bucket: the source's): kept as it is, not S3's 400.
		const [self] = await runS3Node({
			resource: 'object',
			operation: 'copy',
			sourceBucket: rl(target),
			sourceKey: keyRl('dst/one.txt'),
			destinationKey: 'dst/one.txt',
		});
		expect(self.json).toMatchObject({ bucket: target, key: 'dst/one.txt', metadata: { m: '1' } });
		expect(await s3.headObject(target, 'dst/one.txt')).toMatchObject({
			size: 3,
			metadata: { m: '1' },
			contentType: 'application/octet-stream',
		});

		const [get] = await runS3Node({
			resource: 'object',
			operation: 'presign',
			bucket: rl(target),
			key: keyRl('dst/one.txt'),
			method: 'GET',
			expiresIn: 120,
		});
		expect(get.json).toMatchObject({
			bucket: target,
			key: 'dst/one.txt',
			method: 'GET',
			expiresIn: 120,
		});
		expect(await (await fetch(get.json.url as string)).text()).toBe('one');
		const [put] = await runS3Node({
			resource: 'object',
			operation: 'presign',
			bucket: rl(target),
			key: keyRl('put.txt'),
			method: 'PUT',
			expiresIn: 60,
		});
		expect((await fetch(put.json.url as string, { method: 'PUT', body: 'via url' })).status).toBe(
			200,
		);
		expect((await readAll((await s3.download(target, 'put.txt')).stream)).toString()).toBe(
			'via url',
		);

		const [tags] = await runS3Node({
			resource: 'object',
			operation: 'getTags',
			bucket: rl(target),
			key: keyRl('put.txt'),
		});
		expect(tags.json).toEqual({ bucket: target, key: 'put.txt', tags: {} });
		const setTags = await failure(
			runS3Node({
				resource: 'object',
				operation: 'setTags',
				bucket: rl(target),
				key: keyRl('put.txt'),
				tags: '{"team": "data"}',
			}),
		);
		expect(setTags.message).toBe(
			'This S3 server does not support PutObjectTagging: The requested resource is not implemented',
		);

		const [deleted] = await runS3Node({
			resource: 'object',
			operation: 'delete',
			bucket: rl(target),
			key: keyRl('put.txt'),
		});
		expect(deleted.json).toEqual({ bucket: target, key: 'put.txt', deleted: true });
		const many = await runS3Node({
			resource: 'object',
			operation: 'deleteMany',
			bucket: rl(target),
			keys: 'dst/one.txt,\nnever/was.txt',
		});
		expect(many.map((i) => i.json)).toEqual([
			{ bucket: target, key: 'dst/one.txt', deleted: true },
			{
				bucket: target,
				key: 'never/was.txt',
				deleted: false,
				error: `Object "never/was.txt" does not exist in bucket "${target}"`,
			},
		]);
		expect((await s3.listObjectsPage(target)).objects).toEqual([]);
		const gone = await failure(
			runS3Node({
				resource: 'object',
				operation: 'delete',
				bucket: rl(target),
				key: keyRl('put.txt'),
			}),
		);
		expect(gone.message).toBe(`Object "put.txt" does not exist in bucket "${target}"`);
		expect(gone.description).toBe('Check the parameter "Key"');
	});

	it('runs once per item with pairedItem, and with Continue On Fail turns a failed item into an error item', async () => {
		const output = await runS3Node(
			(itemIndex) => ({
				resource: 'object',
				operation: 'getMetadata',
				bucket: rl(bucket),
				key: keyRl(itemIndex === 1 ? 'missing.txt' : 'data/note.txt'),
			}),
			[{ json: {} }, { json: {} }, { json: {} }],
			{ continueOnFail: true },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ key: 'data/note.txt' });
		expect(output[1].json).toEqual({
			error: `Object "missing.txt" does not exist in bucket "${bucket}"`,
			description: 'Check the parameter "Key"',
		});
		expect(output[2].json).toMatchObject({ key: 'data/note.txt' });
	});

	it('reports a wrong secret clearly, without the secret', async () => {
		const error = await failure(
			runS3Node({ resource: 'bucket', operation: 'list', returnAll: true }, undefined, {
				credentials: {
					...(await import('./s3Support')).swiftCredential({
						secretAccessKey: 'secret-that-is-wrong',
					}),
				},
			}),
		);
		expect(error.message).toBe(
			'S3 refused the credential (SignatureDoesNotMatch): the signature does not match: check the secret access key',
		);
		expect(JSON.stringify(error)).not.toContain('secret-that-is-wrong');
	});
});

describe('bad input: a clear error naming the parameter, and nothing written', () => {
	let before: Awaited<ReturnType<typeof snapshot>>;

	beforeEach(async () => {
		before = await snapshot();
	});

	afterEach(async () => {
		expect(await snapshot()).toEqual(before);
	});

	it.each([
		['UPPER', /^Invalid "Bucket Name" "UPPER": it must be lower case \(S3 bucket naming rules\)$/],
		['ab', /^Invalid "Bucket Name" "ab": it must be 3 to 63 characters long/],
		['under_score', /only lower-case letters, digits, "\." and "-"/],
		['10.0.0.1', /must not look like an IP address/],
		['xn--punycode', /must not begin with "xn--"/],
		['', /^The "Bucket Name" must not be empty$/],
	])('refuses the bucket name %p', async (name, message) => {
		const error = await failure(
			runS3Node({ resource: 'bucket', operation: 'create', bucketName: name }),
		);
		expect(error.message).toMatch(message);
		expect(error.description).toBe('Check the parameter "Bucket Name"');
	});

	it('refuses an invalid bucket for object operations', async () => {
		const error = await failure(
			runS3Node({ resource: 'object', operation: 'list', bucket: rl('no/slash'), returnAll: true }),
		);
		expect(error.message).toMatch(
			/^Invalid "Bucket" "no\/slash": a bucket name has 3 to 255 letters/,
		);
	});

	it.each([
		['uploadData', { key: '', format: 'text', data: 'x' }],
		['download', { key: keyRl(''), binaryPropertyName: 'data' }],
		['getMetadata', { key: keyRl('') }],
		['presign', { key: keyRl(''), method: 'PUT', expiresIn: 60 }],
		['delete', { key: keyRl('   ') }],
	])('refuses an empty key (%s)', async (operation, parameters) => {
		const error = await failure(
			runS3Node({ resource: 'object', operation, bucket: rl(bucket), ...parameters }),
		);
		expect(error.message).toBe('The "Key" must not be empty');
		expect(error.description).toBe('Check the parameter "Key"');
	});

	it('refuses an upload whose key (nor file name) is empty, and an empty Destination Key', async () => {
		const noName = await failure(
			runS3Node(
				{
					resource: 'object',
					operation: 'upload',
					bucket: rl(bucket),
					key: '',
					binaryPropertyName: 'data',
				},
				[
					{
						json: {},
						binary: { data: { data: Buffer.from('x').toString('base64'), mimeType: 'text/plain' } },
					},
				],
			),
		);
		expect(noName.message).toBe('The "Key" must not be empty');
		const copy = await failure(
			runS3Node({
				resource: 'object',
				operation: 'copy',
				sourceBucket: rl(bucket),
				sourceKey: keyRl('data/note.txt'),
				destinationKey: '',
			}),
		);
		expect(copy.message).toBe('The "Destination Key" must not be empty');
	});

	it.each([0, -1, 604_801, 10_000_000, 2.5])(
		'refuses a presigned URL expiring in %p seconds',
		async (expiresIn) => {
			const error = await failure(
				runS3Node({
					resource: 'object',
					operation: 'presign',
					bucket: rl(bucket),
					key: keyRl('data/note.txt'),
					method: 'GET',
					expiresIn,
				}),
			);
			expect(error.message).toBe(
				`Invalid "Expires In (Seconds)": ${expiresIn} is outside 1 second to 7 days (604800 seconds)`,
			);
		},
	);

	it('refuses a missing binary property', async () => {
		const error = await failure(
			runS3Node(
				{
					resource: 'object',
					operation: 'upload',
					bucket: rl(bucket),
					key: 'x.bin',
					binaryPropertyName: 'attachment',
				},
				[binaryItem('x')],
			),
		);
		expect(error.message).toBe(
			'Invalid "Input Binary Field": the input item has no binary property "attachment"',
		);
	});

	it.each([
		['{"team": "data"', /^Invalid "Tags": it is not valid JSON/],
		['["a"]', /^Invalid "Tags": entry 1 is not an object with "key" and "value"/],
		['"text"', /^Invalid "Tags": expected a JSON object/],
		[
			JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']))),
			/at most 10 tags per object, not 11/,
		],
		['{"bad*key": "v"}', /may hold only letters, digits, spaces/],
		['{"aws:reserved": "v"}', /reserved/],
	])('refuses malformed tags on upload (case %#)', async (tags, message) => {
		const error = await failure(
			runS3Node(
				{
					resource: 'object',
					operation: 'upload',
					bucket: rl(bucket),
					key: 'tagged.bin',
					binaryPropertyName: 'data',
					options: { tags },
				},
				[binaryItem('x')],
			),
		);
		expect(error.message).toMatch(message);
		expect(error.description).toBe('Check the parameter "Tags"');
	});

	it('refuses malformed tags on Set Tags', async () => {
		const error = await failure(
			runS3Node({
				resource: 'object',
				operation: 'setTags',
				bucket: rl(bucket),
				key: keyRl('data/note.txt'),
				tags: '{oops}',
			}),
		);
		expect(error.message).toMatch(/^Invalid "Tags": it is not valid JSON/);
	});

	it.each([
		['{"project": alpha}', /^Invalid "Metadata": it is not valid JSON/],
		[
			'[1, 2]',
			/^Invalid "Metadata": expected a JSON object such as \{"project": "alpha"\}, not an array/,
		],
		['{"bad name": "x"}', /the name "bad name" may hold only letters/],
		['{"city": "Zürich"}', /the value of "city" must be printable ASCII/],
		['{"nested": {"a": 1}}', /the value of "nested" must be text/],
		[JSON.stringify({ big: 'x'.repeat(3000) }), /S3 allows 2048/],
	])('refuses malformed metadata (case %#)', async (metadata, message) => {
		const upload = await failure(
			runS3Node(
				{
					resource: 'object',
					operation: 'upload',
					bucket: rl(bucket),
					key: 'meta.bin',
					binaryPropertyName: 'data',
					options: { metadata },
				},
				[binaryItem('x')],
			),
		);
		expect(upload.message).toMatch(message);
		expect(upload.description).toBe('Check the parameter "Metadata"');
		const data = await failure(
			runS3Node({
				resource: 'object',
				operation: 'uploadData',
				bucket: rl(bucket),
				key: 'meta.txt',
				data: 'x',
				options: { metadata },
			}),
		);
		expect(data.message).toMatch(message);
	});

	it('refuses invalid JSON data in Upload Data', async () => {
		const error = await failure(
			runS3Node({
				resource: 'object',
				operation: 'uploadData',
				bucket: rl(bucket),
				key: 'bad.json',
				format: 'json',
				data: '{"a": }',
			}),
		);
		expect(error.message).toMatch(/^Invalid "Data": it is not valid JSON/);
	});

	it('refuses a wrong expected MD5 of a streamed upload without keeping anything', async () => {
		const error = await failure(
			runS3Node(
				{
					resource: 'object',
					operation: 'upload',
					bucket: rl(bucket),
					key: 'md5.bin',
					binaryPropertyName: 'data',
					options: { expectedMd5: md5(Buffer.from('other')) },
				},
				[binaryItem('x')],
			),
		);
		expect(error.message).toBe(
			`Object "md5.bin": expected MD5 ${md5(Buffer.from('other'))}, got ${md5(Buffer.from('x'))}`,
		);
		const malformed = await failure(
			runS3Node(
				{
					resource: 'object',
					operation: 'upload',
					bucket: rl(bucket),
					key: 'md5.bin',
					binaryPropertyName: 'data',
					options: { expectedMd5: 'xyz' },
				},
				[binaryItem('x')],
			),
		);
		expect(malformed.message).toBe('Invalid "Expected MD5": it must be 32 hexadecimal characters');
	});

	it('refuses Delete Many without keys, and a Range End before its start', async () => {
		const empty = await failure(
			runS3Node({ resource: 'object', operation: 'deleteMany', bucket: rl(bucket), keys: ' ,\n ' }),
		);
		expect(empty.message).toBe('Invalid "Keys": give at least one key');
		const range = await failure(
			runS3Node({
				resource: 'object',
				operation: 'download',
				bucket: rl(bucket),
				key: keyRl('data/note.txt'),
				binaryPropertyName: 'data',
				useRange: true,
				rangeStart: 5,
				rangeEnd: 2,
			}),
		);
		expect(range.message).toBe('Invalid "Range End": 2 is before "Range Start" (5)');
	});
});
