/** The parts of the shared S3 code that need no server: input rules, retry, checksums, errors, batching. */
import {
	mapS3Error,
	parseMetadata,
	parseTags,
	policyRetryStrategy,
	S3Service,
	readS3Config,
	tagsToQuery,
	assertExpiry,
	bucketNameProblem,
	copySource,
} from '../../../nodes/shared/storage/drivers/s3';
import { DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';

import { createS3Client } from '../../../nodes/shared/storage/drivers/s3/client';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/shared/transport/retryPolicy';

const config = readS3Config({
	provider: 'custom',
	endpoint: 'http://127.0.0.1:9',
	region: 'us-east-1',
	accessKeyId: 'AKID',
	secretAccessKey: 'top-secret-key',
});

describe('input rules', () => {
	it('parses metadata JSON into lower-cased header-safe entries', () => {
		expect(parseMetadata('{"Project": "alpha", "n": 1}')).toEqual({ project: 'alpha', n: '1' });
		expect(parseMetadata('')).toEqual({});
		expect(parseMetadata({ a: 'b' })).toEqual({ a: 'b' });
		expect(() => parseMetadata('{"a": "é"}', 'Metadata')).toThrow(
			'Invalid "Metadata": the value of "a" must be printable ASCII',
		);
	});

	it('parses tags as an object or an array of key/value pairs, within S3 limits', () => {
		expect(parseTags('{"team": "data", "cost center": "42"}')).toEqual({
			team: 'data',
			'cost center': '42',
		});
		expect(
			parseTags([
				{ key: 'a', value: 'b' },
				{ Key: 'c', Value: 'd' },
			]),
		).toEqual({ a: 'b', c: 'd' });
		expect(() =>
			parseTags('[{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]', 'Tags'),
		).toThrow('the tag key "a" appears twice');
		expect(() => parseTags(`{"k": "${'v'.repeat(257)}"}`, 'Tags')).toThrow(
			'longer than 256 characters',
		);
		expect(tagsToQuery({ 'a b': 'c&d', e: '' })).toBe('a%20b=c%26d&e=');
	});

	it('checks expiry and bucket names, and encodes copy sources', () => {
		expect(() => assertExpiry(604_800)).not.toThrow();
		expect(() => assertExpiry(604_801, 'Expires')).toThrow(
			'Invalid "Expires": 604801 s is outside 1 second to 7 days (604800 s)',
		);
		expect(bucketNameProblem('valid.bucket-1')).toBeUndefined();
		expect(bucketNameProblem('data.mrap')).toMatch(/must not end with ".mrap"/);
		expect(copySource('b', 'dir/a file+é.txt')).toBe('b/dir/a%20file%2B%C3%A9.txt');
	});
});

describe('the retry strategy follows the pack policy', () => {
	const strategy = policyRetryStrategy({
		...DEFAULT_RETRY_POLICY,
		maxAttempts: 3,
		baseDelayMs: 10,
		maxDelayMs: 50,
	});

	it('retries 503 and throttling, up to the attempt budget', async () => {
		const first = await strategy.acquireInitialRetryToken();
		const error = { $metadata: { httpStatusCode: 503 } };
		const second = await strategy.refreshRetryTokenForRetry(first, {
			error,
			errorType: 'THROTTLING',
		});
		expect(second.getRetryCount()).toBe(1);
		expect(second.getRetryDelay()).toBeLessThanOrEqual(50);
		const third = await strategy.refreshRetryTokenForRetry(second, {
			error,
			errorType: 'THROTTLING',
		});
		await expect(
			strategy.refreshRetryTokenForRetry(third, { error, errorType: 'THROTTLING' }),
		).rejects.toThrow(/max-attempts/);
	});

	it('does not retry client errors, and honours Retry-After', async () => {
		const token = await strategy.acquireInitialRetryToken();
		await expect(
			strategy.refreshRetryTokenForRetry(token, {
				error: { $metadata: { httpStatusCode: 403 } },
				errorType: 'CLIENT_ERROR',
			}),
		).rejects.toThrow(/not-retryable/);
		const waited = await strategy.refreshRetryTokenForRetry(token, {
			error: {
				$metadata: { httpStatusCode: 429 },
				$response: { headers: { 'retry-after': '0.03' } },
			},
			errorType: 'THROTTLING',
		});
		expect(waited.getRetryDelay()).toBe(30);
		const network = await strategy.refreshRetryTokenForRetry(token, {
			error: { code: 'ECONNRESET' },
			errorType: 'TRANSIENT',
		});
		expect(network.getRetryCount()).toBe(1);
	});
});

describe('requests as sent', () => {
	async function captured(command: (service: S3Service) => Promise<unknown>) {
		const client = await createS3Client(config);
		const requests: Array<{
			headers: Record<string, string>;
			query: Record<string, unknown>;
			method: string;
			body?: unknown;
		}> = [];
		client.middlewareStack.add(
			() => async (args: any) => {
				requests.push({
					headers: { ...args.request.headers },
					query: { ...args.request.query },
					method: args.request.method,
					body: args.request.body,
				});
				throw new Error('captured: not sent');
			},
			{ step: 'finalizeRequest', priority: 'low', name: 'capture' },
		);
		const service = new S3Service(client, config);
		await command(service).catch(() => undefined);
		client.destroy();
		return requests;
	}

	it('sends Content-MD5, not the SDK default CRC32, where S3 requires a checksum', async () => {
		const [request] = await captured((s3) =>
			s3.client.send(
				new DeleteObjectsCommand({
					Bucket: 'b',
					Delete: { Objects: [{ Key: 'a' }] },
				}),
			),
		);
		const names = Object.keys(request.headers).map((name) => name.toLowerCase());
		expect(names).toContain('content-md5');
		expect(
			names.filter(
				(name) => name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm',
			),
		).toEqual([]);
		const { createHash } = await import('crypto');
		expect(request.headers['content-md5']).toBe(
			createHash('md5')
				.update(request.body as string)
				.digest('base64'),
		);
	});

	it('sends no checksum on a plain PUT', async () => {
		const [request] = await captured((s3) =>
			s3.client.send(
				new PutObjectCommand({
					Bucket: 'b',
					Key: 'k',
					Body: 'abc',
				}),
			),
		);
		expect(
			Object.keys(request.headers).filter((name) => /checksum|content-md5|aws-chunked/i.test(name)),
		).toEqual([]);
	});
});

describe('DeleteObjects results', () => {
	it('reports per-key errors and keys the server did not mention, 1,000 keys per request', async () => {
		const batches: string[][] = [];
		const client = {
			send: async (command: { input: { Delete: { Objects: Array<{ Key: string }> } } }) => {
				const keys = command.input.Delete.Objects.map((o) => o.Key);
				batches.push(keys);
				return {
					Deleted: keys.filter((k) => k !== 'locked' && k !== 'silent').map((Key) => ({ Key })),
					Errors: keys.includes('locked')
						? [{ Key: 'locked', Code: 'AccessDenied', Message: 'Access Denied' }]
						: [],
				};
			},
			destroy() {},
		};
		const service = new S3Service(client as never, config);
		const keys = [...Array.from({ length: 1500 }, (_, i) => `k${i}`), 'locked', 'silent'];
		const results = await service.deleteObjects('b', keys);
		expect(batches.map((b) => b.length)).toEqual([1000, 502]);
		expect(results).toHaveLength(1502);
		expect(results.find((r) => r.key === 'locked')).toEqual({
			key: 'locked',
			deleted: false,
			error: 'AccessDenied: Access Denied',
		});
		expect(results.find((r) => r.key === 'silent')).toEqual({
			key: 'silent',
			deleted: false,
			error: 'The server did not report this key',
		});
		expect(results.filter((r) => r.deleted)).toHaveLength(1500);
	});
});

describe('error mapping', () => {
	it('keeps secrets out of messages and types the common failures', () => {
		const leaked = mapS3Error(
			{
				name: 'InternalError',
				message: 'failed for top-secret-key',
				$metadata: { httpStatusCode: 500 },
			},
			{ operation: 'PutObject', bucket: 'b', key: 'k', secrets: ['top-secret-key'] },
		);
		expect(leaked.message).toBe(
			'S3 PutObject of "k" in bucket "b" failed with HTTP 500 InternalError: failed for ***',
		);
		expect(
			mapS3Error(
				{ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } },
				{ operation: 'x', bucket: 'b' },
			),
		).toMatchObject({ code: 'ContainerNotFound' });
		expect(
			mapS3Error(
				{ name: 'SlowDown', $metadata: { httpStatusCode: 503 } },
				{ operation: 'x', bucket: 'b' },
			),
		).toMatchObject({ code: 'RateLimited' });
		expect(
			mapS3Error(
				{ name: 'AccessDenied', message: 'Access Denied', $metadata: { httpStatusCode: 403 } },
				{ operation: 'GetObject', bucket: 'b', key: 'k' },
			).message,
		).toBe('S3 denied access to "k" in bucket "b" during GetObject (AccessDenied): Access Denied');
		expect(
			mapS3Error(
				{
					name: 'CredentialsProviderError',
					message: 'Could not load credentials from any providers',
				},
				{ operation: 'x' },
			),
		).toMatchObject({ code: 'Auth' });
		expect(
			mapS3Error(
				{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
				{ operation: 'ListBuckets', endpoint: 'http://127.0.0.1:9' },
			).message,
		).toBe(
			'Could not reach http://127.0.0.1:9 (ECONNREFUSED) during ListBuckets: connect ECONNREFUSED 127.0.0.1:9',
		);
	});
});
