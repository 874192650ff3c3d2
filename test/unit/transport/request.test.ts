import { Readable } from 'node:stream';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cloudRequest } from '../../../nodes/shared/transport';
import type { RetryPolicy } from '../../../nodes/shared/transport';
import { FAKE_NODE, FaultServer, createFakeContext, fakeClock, sendJson } from './fakeContext';
import type { ErrorShape } from './fakeContext';

const CRED = 'test';
const server = new FaultServer();
let baseURL = '';

beforeAll(async () => {
	baseURL = await server.start();
});

afterAll(async () => {
	await server.stop();
});

async function expectFailure(promise: Promise<unknown>): Promise<NodeApiError> {
	const error = await promise.then(
		() => {
			throw new Error('expected the request to fail');
		},
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

/** Answers `status` for the first `failures` hits of a path, then 200 {ok:true}. */
function failTimes(
	failures: number,
	status: number,
	headers: () => Record<string, string> = () => ({}),
) {
	return server.reset((_req, res, hit) => {
		if (hit <= failures) sendJson(res, status, { message: `failure #${hit}` }, headers());
		else sendJson(res, 200, { ok: true, hit });
	});
}

describe.each<ErrorShape>(['n8n', 'axios'])(
	'cloudRequest, helper error shape "%s"',
	(errorShape) => {
		const fake = () => createFakeContext({ errorShape });

		test('429 with Retry-After seconds waits exactly that long, then succeeds', async () => {
			failTimes(1, 429, () => ({ 'Retry-After': '2' }));
			const clock = fakeClock();
			const result = await cloudRequest(
				fake().ctx,
				CRED,
				{ url: `${baseURL}/r`, json: true },
				{},
				clock.deps,
			);
			expect(result).toEqual({ ok: true, hit: 2 });
			expect(server.hitsOf('/r')).toBe(2);
			expect(clock.delays).toEqual([2000]);
		});

		test('429 with Retry-After HTTP-date waits until that date', async () => {
			const clock = fakeClock(Date.UTC(2030, 0, 1, 0, 0, 0));
			failTimes(1, 429, () => ({ 'Retry-After': new Date(clock.deps.now() + 7000).toUTCString() }));
			await cloudRequest(fake().ctx, CRED, { url: `${baseURL}/d` }, {}, clock.deps);
			expect(server.hitsOf('/d')).toBe(2);
			expect(clock.delays).toEqual([7000]);
		});

		test('503 then success uses full-jitter backoff', async () => {
			failTimes(1, 503);
			const clock = fakeClock();
			await cloudRequest(fake().ctx, CRED, { url: `${baseURL}/u` }, {}, clock.deps);
			expect(server.hitsOf('/u')).toBe(2);
			expect(clock.delays).toEqual([250]);
		});

		test('502 then 504 then success: exponential ceilings', async () => {
			server.reset((_req, res, hit) => {
				if (hit === 1) sendJson(res, 502, {});
				else if (hit === 2) sendJson(res, 504, {});
				else sendJson(res, 200, { ok: true });
			});
			const clock = fakeClock();
			await cloudRequest(fake().ctx, CRED, { url: `${baseURL}/g` }, {}, clock.deps);
			expect(server.hitsOf('/g')).toBe(3);
			expect(clock.delays).toEqual([250, 500]);
		});

		test('connection reset is retried', async () => {
			server.reset((req, res, hit) => {
				if (hit === 1) req.socket.destroy();
				else sendJson(res, 200, { ok: true });
			});
			const clock = fakeClock();
			expect(
				await cloudRequest(fake().ctx, CRED, { url: `${baseURL}/reset` }, {}, clock.deps),
			).toEqual({ ok: true });
			expect(server.hitsOf('/reset')).toBe(2);
			expect(clock.delays).toEqual([250]);
		});

		test('idle timeout: a silent server is given up on after idleTimeoutMs, then retried', async () => {
			server.reset((_req, res, hit) => {
				if (hit > 1) sendJson(res, 200, { ok: true });
				// first hit: never answer
			});
			const clock = fakeClock();
			const { ctx, calls } = fake();
			const startedAt = Date.now();
			await cloudRequest(ctx, CRED, { url: `${baseURL}/slow` }, { idleTimeoutMs: 200 }, clock.deps);
			expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
			expect(server.hitsOf('/slow')).toBe(2);
			expect(calls.map((call) => call.timeout)).toEqual([200, 200]);
		});

		test('idle timeout on every attempt ends in a timeout error', async () => {
			server.reset(() => undefined);
			const clock = fakeClock();
			const error = await expectFailure(
				cloudRequest(
					fake().ctx,
					CRED,
					{ url: `${baseURL}/never` },
					{ idleTimeoutMs: 150, maxAttempts: 2 },
					clock.deps,
				),
			);
			expect(server.hitsOf('/never')).toBe(2);
			expect(error.message).toMatch(/did not respond within 150 ms/);
			expect(error.description).toContain('Gave up after 2 attempts');
		});

		test.each([400, 401, 403, 404])(
			'%i is not retried and keeps the provider message',
			async (status) => {
				failTimes(10, status);
				const clock = fakeClock();
				const error = await expectFailure(
					cloudRequest(fake().ctx, CRED, { url: `${baseURL}/c${status}` }, {}, clock.deps),
				);
				expect(server.hitsOf(`/c${status}`)).toBe(1);
				expect(clock.delays).toEqual([]);
				expect(error.httpCode).toBe(String(status));
				expect(error.message).toContain('failure #1');
			},
		);

		test.each(['POST', 'PATCH'] as const)('%s is not retried unless retrySafe', async (method) => {
			failTimes(1, 503);
			const clock = fakeClock();
			const error = await expectFailure(
				cloudRequest(
					fake().ctx,
					CRED,
					{ url: `${baseURL}/w`, method, body: { a: 1 } },
					{},
					clock.deps,
				),
			);
			expect(server.hitsOf('/w')).toBe(1);
			expect(error.httpCode).toBe('503');
			expect(error.description).toContain('Not retried');

			failTimes(1, 503);
			await cloudRequest(
				fake().ctx,
				CRED,
				{ url: `${baseURL}/w`, method, body: { a: 1 }, retrySafe: true },
				{},
				clock.deps,
			);
			expect(server.hitsOf('/w')).toBe(2);
		});

		test('a stream body is never retried, even on an idempotent method', async () => {
			failTimes(1, 503);
			const clock = fakeClock();
			await expectFailure(
				cloudRequest(
					fake().ctx,
					CRED,
					{
						url: `${baseURL}/s`,
						method: 'PUT',
						body: Readable.from(['chunk']) as never,
						retrySafe: true,
					},
					{},
					clock.deps,
				),
			);
			expect(server.hitsOf('/s')).toBe(1);
		});

		test('maxAttempts bounds the number of requests', async () => {
			failTimes(100, 503);
			const clock = fakeClock();
			const error = await expectFailure(
				cloudRequest(fake().ctx, CRED, { url: `${baseURL}/m` }, { maxAttempts: 3 }, clock.deps),
			);
			expect(server.hitsOf('/m')).toBe(3);
			expect(clock.delays).toEqual([250, 500]);
			expect(error.message).toContain('failure #3');
			expect(error.description).toContain('Reached the maximum of 3 attempts');
		});

		test('maxTotalMs bounds the time: no wait starts that would pass it', async () => {
			failTimes(100, 503);
			const clock = fakeClock();
			const policy: Partial<RetryPolicy> = {
				maxAttempts: 50,
				baseDelayMs: 2000,
				maxDelayMs: 60_000,
				maxTotalMs: 5000,
			};
			const error = await expectFailure(
				cloudRequest(fake().ctx, CRED, { url: `${baseURL}/t` }, policy, clock.deps),
			);
			// waits 1000 (t=1000), 2000 (t=3000); the next one (4000) would end at 7000 > 5000
			expect(clock.delays).toEqual([1000, 2000]);
			expect(server.hitsOf('/t')).toBe(3);
			expect(error.description).toContain('total time budget');
		});

		test('an attempt starved by the budget times out early and the earlier HTTP error is reported', async () => {
			server.reset((_req, res, hit) => {
				if (hit === 1) sendJson(res, 503, { message: 'overloaded' });
				// second hit: never answer
			});
			const clock = fakeClock();
			const { ctx, calls } = fake();
			const error = await expectFailure(
				cloudRequest(
					ctx,
					CRED,
					{ url: `${baseURL}/starved` },
					{ maxTotalMs: 1000, baseDelayMs: 1800 },
					clock.deps,
				),
			);
			// waited 900 of the 1000 ms budget, so the second attempt only had 100 ms
			expect(clock.delays).toEqual([900]);
			expect(calls.map((call) => call.timeout)).toEqual([1000, 100]);
			expect(server.hitsOf('/starved')).toBe(2);
			expect(error.httpCode).toBe('503');
			expect(error.message).toContain('overloaded');
			expect(error.description).toContain('total time budget');
		});

		test('Retry-After beyond the remaining budget surfaces the 429 at once', async () => {
			failTimes(100, 429, () => ({ 'Retry-After': '600' }));
			const clock = fakeClock();
			const error = await expectFailure(
				cloudRequest(
					fake().ctx,
					CRED,
					{ url: `${baseURL}/ra` },
					{ maxTotalMs: 60_000 },
					clock.deps,
				),
			);
			expect(server.hitsOf('/ra')).toBe(1);
			expect(clock.delays).toEqual([]);
			expect(error.httpCode).toBe('429');
			expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 600_000 });
			expect(error.description).toContain('Retry-After');
		});

		test('Retry-After is capped at maxDelayMs', async () => {
			failTimes(1, 503, () => ({ 'Retry-After': '50' }));
			const clock = fakeClock();
			await cloudRequest(
				fake().ctx,
				CRED,
				{ url: `${baseURL}/cap` },
				{ maxDelayMs: 2000 },
				clock.deps,
			);
			expect(clock.delays).toEqual([2000]);
		});

		test.each([
			['credential-injected Authorization', { apiToken: 'cred-token-XYZ-123456' }, {}],
			[
				'explicit Authorization header',
				{ region: 'eu' },
				{ Authorization: 'Bearer cred-token-XYZ-123456' },
			],
		])(
			'secrets (%s, X-Auth-Token, ?sig=) never reach the error',
			async (_name, credentials, headers) => {
				const token = 'cred-token-XYZ-123456';
				const headerToken = 'hdr-token-ABC-987654';
				const signature = 'SIGNATURE-SECRET-42';
				server.reset((req, res) => {
					sendJson(res, 403, {
						message: `denied ${req.url} auth=${req.headers.authorization} x=${req.headers['x-auth-token']}`,
						echo: req.headers,
					});
				});
				const { ctx } = createFakeContext({ errorShape, credentials });
				const error = await expectFailure(
					cloudRequest(
						ctx,
						CRED,
						{
							url: `${baseURL}/secret?sig=${signature}&prefix=a`,
							headers: { ...headers, 'X-Auth-Token': headerToken },
						},
						{},
						fakeClock().deps,
					),
				);
				const exposed = [
					error.message,
					error.description,
					JSON.stringify(error),
					JSON.stringify(error.errorResponse),
					JSON.stringify(error.messages),
					JSON.stringify(error.context),
				].join('\n');
				expect(exposed).toContain('denied /secret?sig=***');
				for (const secret of [token, headerToken, signature]) expect(exposed).not.toContain(secret);
				expect(error.httpCode).toBe('403');
			},
		);

		test('an error body delivered as a stream is read for the message', async () => {
			failTimes(10, 404);
			const error = await expectFailure(
				cloudRequest(
					fake().ctx,
					CRED,
					{ url: `${baseURL}/stream`, encoding: 'stream' },
					{},
					fakeClock().deps,
				),
			);
			expect(error.httpCode).toBe('404');
			expect(error.message).toContain('failure #1');
		});

		test('passes returnFullResponse through and defaults the timeout to idleTimeoutMs', async () => {
			server.reset((_req, res) => sendJson(res, 200, { ok: true }, { etag: '"v1"' }));
			const { ctx, calls } = fake();
			const full = await cloudRequest(ctx, CRED, {
				url: `${baseURL}/full`,
				returnFullResponse: true,
			});
			expect(full).toMatchObject({ statusCode: 200, body: { ok: true } });
			expect(full.headers.etag).toBe('"v1"');
			expect(calls[0]).toMatchObject({
				timeout: 60_000,
				returnFullResponse: true,
				ignoreHttpStatusErrors: false,
			});
			expect(calls[0]).not.toHaveProperty('retrySafe');

			await cloudRequest(ctx, CRED, { url: `${baseURL}/full`, timeout: 1234, retrySafe: true });
			expect(calls[1].timeout).toBe(1234);
		});
	},
);

test('n8n errors raised before sending (no credential) are rethrown unchanged, not retried', async () => {
	const cause = new NodeOperationError(
		FAKE_NODE,
		'Node "Cloud Test" does not have any credentials of type "test" set',
	);
	const { ctx, calls } = createFakeContext({ failBeforeRequest: cause });
	const clock = fakeClock();
	const error = await cloudRequest(ctx, CRED, { url: `${baseURL}/x` }, {}, clock.deps).catch(
		(thrown: unknown) => thrown,
	);
	expect(calls).toHaveLength(1);
	expect(clock.delays).toEqual([]);
	expect((error as Error).message).toContain('does not have any credentials');
});

test('real sleeping: wall-clock time stays within maxTotalMs', async () => {
	failTimes(1000, 503);
	const maxTotalMs = 600;
	const startedAt = Date.now();
	const error = await expectFailure(
		cloudRequest(
			createFakeContext().ctx,
			CRED,
			{ url: `${baseURL}/wall` },
			{ maxAttempts: 1000, baseDelayMs: 40, maxDelayMs: 150, maxTotalMs },
		),
	);
	const elapsed = Date.now() - startedAt;
	expect(error.httpCode).toBe('503');
	expect(server.hitsOf('/wall')).toBeGreaterThan(2);
	// the last attempt may still be answering when the budget runs out: allow one local round trip
	expect(elapsed).toBeLessThan(maxTotalMs + 100);
});
