import {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	decideRetry,
	isIdempotentMethod,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	resolveRetryPolicy,
} from '../../../nodes/shared/transport';
import type { FailedAttempt } from '../../../nodes/shared/transport';

describe('retry policy', () => {
	test('defaults', () => {
		expect(DEFAULT_RETRY_POLICY).toEqual({
			maxAttempts: 5,
			baseDelayMs: 500,
			maxDelayMs: 30_000,
			maxTotalMs: 120_000,
			connectTimeoutMs: 30_000,
			idleTimeoutMs: 60_000,
		});
	});

	test('resolveRetryPolicy keeps defaults for unset or invalid overrides', () => {
		const policy = resolveRetryPolicy({ maxAttempts: 2, baseDelayMs: undefined, maxDelayMs: -1 });
		expect(policy).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
		expect(resolveRetryPolicy({ maxAttempts: 0, maxTotalMs: 0 })).toEqual(DEFAULT_RETRY_POLICY);
		expect(
			resolveRetryPolicy({ maxAttempts: 2.7, baseDelayMs: 0, idleTimeoutMs: 0 }),
		).toMatchObject({
			maxAttempts: 2,
			baseDelayMs: 0,
			idleTimeoutMs: 0,
		});
		expect(resolveRetryPolicy({ maxTotalMs: Infinity, maxDelayMs: NaN })).toEqual(
			DEFAULT_RETRY_POLICY,
		);
	});

	test.each([429, 502, 503, 504])('status %i is retryable', (status) => {
		expect(isRetryableStatus(status)).toBe(true);
	});

	test.each([200, 400, 401, 403, 404, 409, 500, 501, undefined])(
		'status %s is not retryable',
		(status) => {
			expect(isRetryableStatus(status)).toBe(false);
		},
	);

	test.each(['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED'])(
		'network code %s is retryable, also when wrapped',
		(code) => {
			expect(isRetryableNetworkError(Object.assign(new Error('x'), { code }))).toBe(true);
			const wrapped = new Error('wrapper', { cause: Object.assign(new Error('inner'), { code }) });
			expect(isRetryableNetworkError(wrapped)).toBe(true);
		},
	);

	test('axios timeout message is retryable; refused, cancelled and unknown are not', () => {
		expect(isRetryableNetworkError(new Error('timeout of 200ms exceeded'))).toBe(true);
		expect(
			isRetryableNetworkError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
		).toBe(false);
		expect(
			isRetryableNetworkError(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })),
		).toBe(false);
		expect(isRetryableNetworkError(new Error('boom'))).toBe(false);
		expect(isRetryableNetworkError(undefined)).toBe(false);
	});

	test('idempotent methods', () => {
		for (const method of ['GET', 'head', 'PUT', 'DELETE', 'OPTIONS', undefined]) {
			expect(isIdempotentMethod(method)).toBe(true);
		}
		expect(isIdempotentMethod('POST')).toBe(false);
		expect(isIdempotentMethod('PATCH')).toBe(false);
	});

	describe('parseRetryAfter', () => {
		const now = Date.UTC(2024, 0, 1, 12, 0, 0);

		test('delta-seconds', () => {
			expect(parseRetryAfter('120', now)).toBe(120_000);
			expect(parseRetryAfter(' 0 ', now)).toBe(0);
			expect(parseRetryAfter(['3'], now)).toBe(3000);
			expect(parseRetryAfter('1.5', now)).toBe(1500);
		});

		test('HTTP-date', () => {
			expect(parseRetryAfter(new Date(now + 42_000).toUTCString(), now)).toBe(42_000);
			expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:07 GMT', now)).toBe(7000);
		});

		test('a date in the past means now', () => {
			expect(parseRetryAfter(new Date(now - 10_000).toUTCString(), now)).toBe(0);
		});

		test.each(['-5', 'soon', '', '12abc', 'Mon, 99 Foo 2024', undefined, null, {}])(
			'%p gives undefined',
			(value) => {
				expect(parseRetryAfter(value, now)).toBeUndefined();
			},
		);
	});

	describe('backoffDelay (full jitter)', () => {
		const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };

		test('random * min(maxDelay, base * 2^attempt)', () => {
			expect(backoffDelay(0, policy, () => 0.5)).toBe(250);
			expect(backoffDelay(1, policy, () => 0.5)).toBe(500);
			expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
			expect(backoffDelay(3, policy, () => 0)).toBe(0);
		});

		test('capped at maxDelayMs', () => {
			expect(backoffDelay(20, policy, () => 0.5)).toBe(15_000);
			expect(backoffDelay(20, policy, () => 0.999999)).toBeLessThanOrEqual(30_000);
		});

		test('stays within [0, ceiling) with the real random', () => {
			for (let attempt = 0; attempt < 10; attempt++) {
				const delay = backoffDelay(attempt, policy);
				expect(delay).toBeGreaterThanOrEqual(0);
				expect(delay).toBeLessThanOrEqual(Math.min(30_000, 500 * 2 ** attempt));
			}
		});
	});

	describe('decideRetry', () => {
		const policy = resolveRetryPolicy({ maxAttempts: 3, maxTotalMs: 10_000, maxDelayMs: 4000 });
		const base: FailedAttempt = {
			attemptsMade: 1,
			status: 503,
			transientNetworkError: false,
			replayable: true,
			elapsedMs: 0,
		};
		const half = () => 0.5;

		test('retries a retryable status with jittered backoff', () => {
			expect(decideRetry(base, policy, half)).toEqual({ retry: true, delayMs: 250 });
			expect(decideRetry({ ...base, attemptsMade: 2 }, policy, half)).toEqual({
				retry: true,
				delayMs: 500,
			});
		});

		test('gives up on non-retryable status, non-replayable request, and at maxAttempts', () => {
			expect(decideRetry({ ...base, status: 400 }, policy, half)).toEqual({
				retry: false,
				reason: 'not-retryable',
			});
			expect(decideRetry({ ...base, replayable: false }, policy, half)).toEqual({
				retry: false,
				reason: 'not-replayable',
			});
			expect(decideRetry({ ...base, attemptsMade: 3 }, policy, half)).toEqual({
				retry: false,
				reason: 'max-attempts',
			});
		});

		test('network errors count only without a status', () => {
			const network = { ...base, status: undefined, transientNetworkError: true };
			expect(decideRetry(network, policy, half)).toEqual({ retry: true, delayMs: 250 });
			expect(decideRetry({ ...network, transientNetworkError: false }, policy, half).retry).toBe(
				false,
			);
		});

		test('Retry-After on 429/503 replaces the backoff and is capped at maxDelayMs', () => {
			expect(decideRetry({ ...base, status: 429, retryAfterMs: 1000 }, policy, half)).toEqual({
				retry: true,
				delayMs: 1000,
			});
			expect(decideRetry({ ...base, retryAfterMs: 6000 }, policy, half)).toEqual({
				retry: true,
				delayMs: 4000,
			});
			expect(decideRetry({ ...base, status: 502, retryAfterMs: 3000 }, policy, half)).toEqual({
				retry: true,
				delayMs: 250,
			});
		});

		test('Retry-After beyond the remaining budget gives up at once', () => {
			expect(
				decideRetry({ ...base, status: 429, retryAfterMs: 9000, elapsedMs: 2000 }, policy, half),
			).toEqual({
				retry: false,
				reason: 'retry-after-beyond-budget',
			});
		});

		test('no wait starts that would end past maxTotalMs', () => {
			expect(decideRetry({ ...base, elapsedMs: 9800 }, policy, half)).toEqual({
				retry: false,
				reason: 'time-budget',
			});
			expect(decideRetry({ ...base, elapsedMs: 9700 }, policy, half)).toEqual({
				retry: true,
				delayMs: 250,
			});
		});
	});
});
