import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { Readable } from 'stream';

import {
	retryAfterOf,
	cloudPackRetryPolicy,
	installRetryPolicy,
	isReplayableBody,
	isReplayableRequest,
	waitFor,
} from '../../../nodes/shared/storage/drivers/azure/retry';
import type { RetryPolicy } from '../../../nodes/shared/transport/retryPolicy';

const POLICY: RetryPolicy = {
	maxAttempts: 3,
	baseDelayMs: 1,
	maxDelayMs: 5,
	maxTotalMs: 5000,
	connectTimeoutMs: 0,
	idleTimeoutMs: 0,
};

function request(fields: Partial<PipelineRequest> = {}): PipelineRequest {
	return {
		method: 'GET',
		url: 'https://account.blob.core.windows.net/c/b',
		...fields,
	} as PipelineRequest;
}

function response(status: number, headers: Record<string, string> = {}): PipelineResponse {
	return {
		status,
		headers: { get: (name: string) => headers[name.toLowerCase()] },
		request: request(),
	} as unknown as PipelineResponse;
}

/** A `next` that answers from a script and counts its calls. */
function scripted(answers: Array<PipelineResponse | Error>) {
	const next = jest.fn(async () => {
		const answer = answers.shift();
		if (!answer) throw new Error('script exhausted');
		if (answer instanceof Error) throw answer;
		return answer;
	});
	return next;
}

function networkError(code: string): Error {
	return Object.assign(new Error(`connect ${code}`), { code });
}

describe('Azure retry policy: replayable bodies', () => {
	it.each([
		['no body', undefined],
		['null', null],
		['a string', '<BlockList/>'],
		['a Buffer', Buffer.from('abc')],
		['a Uint8Array', new Uint8Array(3)],
		['an ArrayBuffer', new ArrayBuffer(3)],
		['a Blob', new Blob(['abc'])],
		['a stream factory', () => Readable.from(['abc'])],
	])('resends %s', (_label, body) => {
		expect(isReplayableBody(body)).toBe(true);
	});

	it.each([
		['a Node Readable', Readable.from(['abc'])],
		['a web ReadableStream', new ReadableStream()],
		['FormData', new FormData()],
	])('does not resend %s', (_label, body) => {
		expect(isReplayableBody(body)).toBe(false);
	});

	it('checks every part of a multipart body', () => {
		expect(
			isReplayableRequest({
				multipartBody: { parts: [{ headers: {} as never, body: new Uint8Array(1) }] },
			}),
		).toBe(true);
		expect(
			isReplayableRequest({
				multipartBody: { parts: [{ headers: {} as never, body: Readable.from(['a']) }] },
			}),
		).toBe(false);
	});
});

describe('Azure retry policy: decisions', () => {
	it('retries retryable statuses and returns the first success', async () => {
		const next = scripted([response(502), response(504), response(200)]);
		const answer = await cloudPackRetryPolicy(POLICY).sendRequest(request(), next);
		expect(answer.status).toBe(200);
		expect(next).toHaveBeenCalledTimes(3);
	});

	it('returns the last answer once maxAttempts is reached, for the SDK to turn into its error', async () => {
		const next = scripted([response(503), response(503), response(429), response(200)]);
		const answer = await cloudPackRetryPolicy(POLICY).sendRequest(request(), next);
		expect(answer.status).toBe(429);
		expect(next).toHaveBeenCalledTimes(POLICY.maxAttempts);
	});

	it('returns a non-retryable answer at once', async () => {
		const next = scripted([response(404), response(200)]);
		expect((await cloudPackRetryPolicy(POLICY).sendRequest(request(), next)).status).toBe(404);
		expect(next).toHaveBeenCalledTimes(1);
	});

	it('honours Retry-After on a 429 (up to maxDelayMs)', async () => {
		const next = scripted([response(429, { 'retry-after': '0.3' }), response(200)]);
		const startedAt = Date.now();
		await cloudPackRetryPolicy({ ...POLICY, maxDelayMs: 1000 }).sendRequest(request(), next);
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(280);
		expect(next).toHaveBeenCalledTimes(2);
	});

	it("honours Azure's x-ms-retry-after-ms before Retry-After", async () => {
		const next = scripted([
			response(503, { 'x-ms-retry-after-ms': '250', 'retry-after': '30' }),
			response(200),
		]);
		const startedAt = Date.now();
		await cloudPackRetryPolicy({ ...POLICY, maxDelayMs: 5000 }).sendRequest(request(), next);
		const waited = Date.now() - startedAt;
		expect(waited).toBeGreaterThanOrEqual(230);
		expect(waited).toBeLessThan(3000);
		expect(next).toHaveBeenCalledTimes(2);
		expect(retryAfterOf(response(429, { 'x-ms-retry-after-ms': 'soon', 'retry-after': '2' }))).toBe(
			2000,
		);
		expect(retryAfterOf(response(429))).toBeUndefined();
	});

	it('retries transient network errors and rethrows the last one', async () => {
		const reset = networkError('ECONNRESET');
		const next = scripted([
			networkError('ETIMEDOUT'),
			networkError('ECONNRESET'),
			reset,
			response(200),
		]);
		await expect(cloudPackRetryPolicy(POLICY).sendRequest(request(), next)).rejects.toBe(reset);
		expect(next).toHaveBeenCalledTimes(3);
	});

	it('rethrows other errors at once (ECONNREFUSED: nothing listens there)', async () => {
		const refused = networkError('ECONNREFUSED');
		const next = scripted([refused, response(200)]);
		await expect(cloudPackRetryPolicy(POLICY).sendRequest(request(), next)).rejects.toBe(refused);
		expect(next).toHaveBeenCalledTimes(1);
	});

	it('does not resend a stream body', async () => {
		const next = scripted([response(503), response(200)]);
		const answer = await cloudPackRetryPolicy(POLICY).sendRequest(
			request({ method: 'PUT', body: Readable.from(['abc']) }),
			next,
		);
		expect(answer.status).toBe(503);
		expect(next).toHaveBeenCalledTimes(1);
	});

	it('stops waiting when the request is aborted', async () => {
		const controller = new AbortController();
		const next = scripted([response(429, { 'retry-after': '2' }), response(200)]);
		setTimeout(() => controller.abort(), 20);
		await expect(
			cloudPackRetryPolicy({ ...POLICY, maxDelayMs: 10_000 }).sendRequest(
				request({ abortSignal: controller.signal }),
				next,
			),
		).rejects.toMatchObject({ name: 'AbortError' });
		expect(next).toHaveBeenCalledTimes(1);
		await expect(waitFor(10, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
	});
});

describe('installRetryPolicy', () => {
	it('fails loudly when the SDK no longer exposes its pipeline', () => {
		expect(() => installRetryPolicy({}, POLICY)).toThrow(/storageClientContext\.pipeline/);
	});

	it('replaces whatever sits in the Retry phase', () => {
		const removePolicy = jest.fn();
		const addPolicy = jest.fn();
		installRetryPolicy({ storageClientContext: { pipeline: { removePolicy, addPolicy } } }, POLICY);
		expect(removePolicy).toHaveBeenCalledWith({ phase: 'Retry' });
		expect(addPolicy).toHaveBeenCalledWith(
			expect.objectContaining({ name: 'cloudPackRetryPolicy' }),
			{ phase: 'Retry' },
		);
	});
});
