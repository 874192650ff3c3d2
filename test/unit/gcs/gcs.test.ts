/**
 * The GCS pieces that need no server: CRC32C (against the SDK's own implementation), the
 * naming rules, the error mapping (typed, worded for GCS, no secret), the retry options and
 * the node's parameter surface.
 */
import { randomBytes } from 'crypto';
import { CRC32C } from '@google-cloud/storage';

import { GoogleCloudStorage } from '../../../nodes/GoogleCloudStorage/GoogleCloudStorage.node';
import { gcsRetryOptions } from '../../../nodes/shared/storage/drivers/gcs/client';
import {
	crc32c,
	crc32cBase64,
	crc32cCombine,
	crc32cFromBase64,
	fastCrc32cGenerator,
} from '../../../nodes/shared/storage/drivers/gcs/crc32c';
import { compositePartSize } from '../../../nodes/shared/storage/drivers/gcs/composite';
import { toGcsError } from '../../../nodes/shared/storage/drivers/gcs/errors';
import {
	bucketNameProblem,
	objectNameProblem,
} from '../../../nodes/shared/storage/drivers/gcs/names';
import { StorageError } from '../../../nodes/shared/storage/errors';
import { STORAGE_BACKENDS } from '../../../nodes/shared/storage/backends';
import { resolveRetryPolicy } from '../../../nodes/shared/transport/retryPolicy';

describe('CRC32C', () => {
	it("gives the check value and the SDK's results, also when fed in pieces", () => {
		expect(crc32c(0, Buffer.from('123456789')).toString(16)).toBe('e3069283');
		for (const size of [0, 1, 7, 8, 9, 63, 1000, 65_537]) {
			const data = randomBytes(size);
			const reference = new CRC32C();
			reference.update(data);
			const fast = fastCrc32cGenerator();
			fast.update(data.subarray(0, Math.floor(size / 3)));
			fast.update(data.subarray(Math.floor(size / 3)));
			expect(fast.toString()).toBe(reference.toString());
			expect(fast.validate(reference.toString())).toBe(true);
			expect(fast.validate('AAAAAA==')).toBe(size === 0);
		}
	});

	it('combines the CRC32Cs of two pieces into that of both (a composed object), any lengths', () => {
		for (const [first, second] of [
			[0, 0],
			[5, 0],
			[0, 9],
			[1, 1],
			[300_000, 5],
			[17, 1_000_003],
		]) {
			const a = randomBytes(first);
			const b = randomBytes(second);
			expect(crc32cCombine(crc32c(0, a), crc32c(0, b), second)).toBe(
				crc32c(0, Buffer.concat([a, b])),
			);
		}
		const whole = crc32c(0, Buffer.from('123456789'));
		expect(crc32cFromBase64(crc32cBase64(whole))).toBe(whole);
	});
});

describe('parallel composite part size', () => {
	it('keeps the chosen size unless the parts would pass 1,024 components, then grows to whole MiB', () => {
		const MiB = 1024 * 1024;
		expect(compositePartSize(64 * 1024, 71 * 64 * 1024)).toBe(64 * 1024);
		expect(compositePartSize(8 * MiB, 1024 * MiB)).toBe(8 * MiB);
		expect(compositePartSize(8 * MiB, 8 * 1024 * MiB)).toBe(8 * MiB);
		expect(compositePartSize(8 * MiB, 8 * 1024 * MiB + 1)).toBe(9 * MiB);
		expect(compositePartSize(8 * MiB, 100 * 1024 * MiB)).toBe(100 * MiB);
		expect(compositePartSize(8 * MiB, undefined)).toBe(8 * MiB);
	});
});

describe('naming rules', () => {
	it.each([
		'abc',
		'my-bucket_1',
		'a.b.c',
		'x'.repeat(63),
		`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}`,
	])('accepts bucket %p', (name) => {
		expect(bucketNameProblem(name)).toBeUndefined();
	});
	it.each([
		'ab',
		'x'.repeat(64),
		'UPPER',
		'under_score_',
		'.dot',
		'a..b',
		'10.0.0.1',
		'goog-x',
		'x-google-y',
		'my-g00gle',
		'a b',
	])('refuses bucket %p', (name) => {
		expect(bucketNameProblem(name)).toEqual(expect.any(String));
	});
	it('object names: 1-1024 bytes of UTF-8, no CR/LF, not "." or ".."', () => {
		expect(objectNameProblem('a/b/ c.txt')).toBeUndefined();
		expect(objectNameProblem('é'.repeat(512))).toBeUndefined();
		expect(objectNameProblem('é'.repeat(513))).toMatch(/1024 bytes/);
		expect(objectNameProblem('a\rb')).toMatch(/carriage return/);
		expect(objectNameProblem('.')).toMatch(/"\."/);
	});
});

describe('error mapping', () => {
	const secret =
		'-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
	const config = {
		secrets: [secret, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'],
	} as never;

	it.each([
		[
			{ code: 404, message: 'No such object: b/k' },
			{ bucket: 'b', key: 'k' },
			'ObjectNotFound',
			/Object "k" does not exist in bucket "b"/,
		],
		[
			{ code: 404, message: 'The specified bucket does not exist.' },
			{ bucket: 'b', key: 'k' },
			'ContainerNotFound',
			/Bucket "b" does not exist/,
		],
		[
			{ code: 409, message: 'The bucket you tried to delete is not empty.' },
			{ bucket: 'b' },
			'ContainerNotEmpty',
			/"Force"/,
		],
		[
			{ code: 409, message: 'You already own it.' },
			{ bucket: 'b', conflict: 'exists' as const },
			'ContainerAlreadyExists',
			/already exists/,
		],
		[
			{ code: 403, message: 'x@y does not have storage.objects.get access' },
			{},
			'Auth',
			/refused the request \(403\)/,
		],
		[{ code: 429, message: 'slow down' }, {}, 'RateLimited', /429/],
		[
			{
				code: 'FILE_NO_UPLOAD',
				message: 'The uploaded data did not match the data from the server.',
			},
			{ key: 'k' },
			'HashMismatch',
			/did not match/,
		],
	])('%j → %s', (error, context, code, message) => {
		const mapped = toGcsError(error, context) as StorageError;
		expect(mapped.code).toBe(code);
		expect(mapped.message).toMatch(message);
	});

	it('names the parameter the caller gave, and keeps secrets out', () => {
		const mapped = toGcsError(
			{ code: 404, message: 'No such object' },
			{ bucket: 'b', key: 'k', keyParameter: 'objectName' },
		) as StorageError;
		expect(mapped.parameter).toBe('objectName');
		const leaky = toGcsError(
			{ code: 500, message: `boom ${secret} Authorization: Bearer ya29.secret-token` },
			{ config },
		);
		expect(leaky.message).toMatch(/answered 500/);
		expect(leaky.message).not.toMatch(/MIIEvQ|ya29/);
	});
});

describe('retry options from the pack policy', () => {
	it('maps attempts, budget, delay cap and retryable errors', () => {
		const options = gcsRetryOptions();
		expect(options).toMatchObject({
			autoRetry: true,
			maxRetries: 4,
			totalTimeout: 720, // see gcsRetryBudgetSeconds: 120 s + 5 × (30 + 60 + 30) s
			maxRetryDelay: 30,
			retryDelayMultiplier: 2,
		});
		const retryable = options.retryableErrorFn!;
		for (const code of [429, 502, 503, 504]) expect(retryable({ code } as never)).toBe(true);
		for (const code of [400, 401, 403, 404, 409, 412, 500])
			expect(retryable({ code } as never)).toBe(false);
		expect(retryable({ code: 'ECONNRESET' } as never)).toBe(true);
		expect(retryable({ code: 'ECONNREFUSED' } as never)).toBe(false);
		expect(gcsRetryOptions(resolveRetryPolicy({ maxAttempts: 1 }))).toMatchObject({
			autoRetry: false,
		});
	});
});

describe('the Google Cloud Storage node', () => {
	const { description } = new GoogleCloudStorage();
	const operation = (resource: string) =>
		description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource,
		)!;

	it('offers the operations of the issue, as a tool, with pickers and a credential test', () => {
		expect(
			(operation('bucket').options as Array<{ value: string }>).map((o) => o.value).sort(),
		).toEqual(['create', 'delete', 'get', 'list']);
		expect(
			(operation('object').options as Array<{ value: string }>).map((o) => o.value).sort(),
		).toEqual(['copy', 'delete', 'download', 'get', 'getSignedUrl', 'list', 'update', 'upload']);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([
			{ name: 'cloudPackGoogleCloudStorageApi', required: true, testedBy: 'testGcsCredential' },
		]);
		const node = new GoogleCloudStorage();
		expect(Object.keys(node.methods.listSearch).sort()).toEqual([
			'searchBuckets',
			'searchObjects',
			'searchSourceObjects',
		]);
		expect(Object.keys(node.methods.credentialTest)).toEqual(['testGcsCredential']);
	});

	it('shows every parameter for exactly one resource and operation', () => {
		for (const property of description.properties) {
			if (property.name === 'resource' || property.name === 'operation') continue;
			expect(property.displayOptions?.show?.resource).toHaveLength(1);
			expect(property.displayOptions?.show?.operation).toHaveLength(1);
		}
	});

	it('is a backend of the Cloud Storage node', () => {
		const gcs = STORAGE_BACKENDS.find((backend) => backend.value === 'gcs');
		expect(gcs).toMatchObject({
			credentialType: 'cloudPackGoogleCloudStorageApi',
			name: 'Google Cloud Storage',
		});
	});
});
