import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { cloudRequest } from '../../../nodes/shared/transport';
import {
	resetRateLimits,
	TokenBucket,
	windowQuota,
	type RateLimit,
} from '../../../nodes/shared/transport/rateLimit';
import { FAKE_NODE, FaultServer, createFakeContext, fakeClock, sendJson } from './fakeContext';

/**
 * The client-side rate limiter: token buckets (bursts, refill, reservations), the window quota
 * that never exceeds a server's "N per window", and its use by cloudRequest: one bucket per
 * stored credential, host and quota, shared by every node of the process.
 */

const CRED = 'cloudPackTestApi';
const server = new FaultServer();
let origin = '';

beforeAll(async () => {
	origin = await server.start();
});

afterAll(async () => {
	await server.stop();
});

beforeEach(() => {
	resetRateLimits();
	server.reset((_req, res, hit) => sendJson(res, 200, { hit }));
});

/** Counts the most requests found in any window of `windowMs` (sliding, closed at both ends). */
function busiestWindow(times: number[], windowMs: number): number {
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] > windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

/** Sends `count` requests back to back through a bucket on a simulated clock; their send times. */
function drive(limit: RateLimit, count: number): number[] {
	let now = 0;
	const bucket = new TokenBucket(limit, now);
	const sent: number[] = [];
	for (let i = 0; i < count; i++) {
		now += bucket.take(now);
		sent.push(now);
	}
	return sent;
}

describe('TokenBucket', () => {
	it('lets a burst of its size through at once, then one request per refill interval', () => {
		const bucket = new TokenBucket({ requests: 10, intervalMs: 6_000 }, 0);
		const waits = Array.from({ length: 13 }, () => Math.round(bucket.take(0)));
		expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
		// the tokens go below zero: each further taker reserves the next refill, 600 ms apart
		expect(waits.slice(10)).toEqual([600, 1_200, 1_800]);
	});

	it('refills at its rate while idle, never beyond its size', () => {
		const bucket = new TokenBucket({ requests: 4, intervalMs: 4_000, burst: 2 }, 0);
		expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 1_000]);
		// at 1 s the reserved token has arrived and is used; every further second adds one
		expect(bucket.available(1_000)).toBeCloseTo(0);
		expect(bucket.available(2_500)).toBeCloseTo(1.5);
		expect(bucket.available(60_000)).toBe(2);
		expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([0, 0, 1_000]);
	});

	it('refuses a quota that cannot refill', () => {
		expect(() => new TokenBucket({ requests: 0, intervalMs: 1_000 }, 0)).toThrow(
			'A rate limit needs requests > 0 and intervalMs > 0',
		);
	});
});

describe('windowQuota: a server that counts N per window never sees N + 1', () => {
	it('turns "60 per minute" into a bucket of 1 refilled at 59 per minute', () => {
		expect(windowQuota(60, 60_000)).toEqual({ requests: 59, intervalMs: 60_000, burst: 1 });
		expect(windowQuota(60, 60_000, 5, 'api')).toEqual({
			requests: 55,
			intervalMs: 60_000,
			burst: 5,
			quota: 'api',
		});
		expect(windowQuota(2, 1_000, 9)).toEqual({ requests: 1, intervalMs: 1_000, burst: 1 });
	});

	it.each([1, 5, 20])(
		'1,000 back-to-back requests with a burst of %i: never more than 60 in any minute',
		(burst) => {
			const sent = drive(windowQuota(60, 60_000, burst), 1_000);
			expect(busiestWindow(sent, 60_000)).toBeLessThanOrEqual(60);
			// and no slower than the quota allows: the 1,000th goes within (1000 - burst) refills
			expect(sent[999]).toBeLessThanOrEqual(((1_000 - burst) * 60_000) / (60 - burst) + 1);
		},
	);

	it('a bucket as large as the quota would exceed it in the first window (why the burst is small)', () => {
		const sent = drive({ requests: 60, intervalMs: 60_000 }, 200);
		expect(busiestWindow(sent, 60_000)).toBe(120);
	});
});

function nodeWith(credentialId: string | undefined, name = 'Node A'): INode {
	return {
		...FAKE_NODE,
		name,
		...(credentialId ? { credentials: { [CRED]: { id: credentialId, name: 'Account' } } } : {}),
	};
}

/** A context of a node using the credential `credentialId` (none: outside n8n). */
function contextOf(credentialId: string | undefined, name?: string): IExecuteFunctions {
	const fake = createFakeContext();
	return { ...fake.ctx, getNode: () => nodeWith(credentialId, name) } as IExecuteFunctions;
}

const LIMIT: RateLimit = { requests: 2, intervalMs: 1_000, burst: 2 };

describe('cloudRequest with a rateLimit', () => {
	it('waits for a token before each request once the burst is spent', async () => {
		const clock = fakeClock();
		const ctx = contextOf('cred-1');
		for (let i = 0; i < 5; i++)
			await cloudRequest(ctx, CRED, { url: `${origin}/a`, rateLimit: LIMIT }, {}, clock.deps);
		expect(server.hitsOf('/a')).toBe(5);
		expect(clock.delays).toEqual([500, 500, 500]);
	});

	it('shares one bucket between the nodes of one process that use one credential on one host', async () => {
		const clock = fakeClock();
		const first = contextOf('cred-1', 'Create Subscriber');
		const second = contextOf('cred-1', 'Add To Group');
		await cloudRequest(first, CRED, { url: `${origin}/a`, rateLimit: LIMIT }, {}, clock.deps);
		await cloudRequest(first, CRED, { url: `${origin}/b`, rateLimit: LIMIT }, {}, clock.deps);
		expect(clock.delays).toEqual([]);
		// another node, same credential and host: the burst is already spent
		await cloudRequest(second, CRED, { url: `${origin}/c`, rateLimit: LIMIT }, {}, clock.deps);
		expect(clock.delays).toEqual([500]);
	});

	it('keeps separate buckets per credential, per host and per quota', async () => {
		const clock = fakeClock();
		const send = (ctx: IExecuteFunctions, url: string, limit = LIMIT) =>
			cloudRequest(ctx, CRED, { url, rateLimit: limit }, {}, clock.deps);
		const one = contextOf('cred-1');
		await send(one, `${origin}/a`);
		await send(one, `${origin}/a`);
		await send(contextOf('cred-2'), `${origin}/a`);
		await send(one, `${origin.replace('127.0.0.1', 'localhost')}/a`);
		await send(one, `${origin}/a`, { ...LIMIT, quota: 'writes' });
		expect(clock.delays).toEqual([]);
		await send(one, `${origin}/a`);
		expect(clock.delays).toEqual([500]);
	});

	it('reserves turns in order when requests of one credential run at the same time', async () => {
		const delays: number[] = [];
		const deps = {
			now: () => 0,
			sleep: async (ms: number) => {
				delays.push(ms);
			},
		};
		const ctx = contextOf('cred-1');
		await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				cloudRequest(ctx, CRED, { url: `${origin}/p${i}`, rateLimit: LIMIT }, {}, deps),
			),
		);
		expect(delays.sort((a, b) => a - b)).toEqual([500, 1_000, 1_500]);
	});

	it('still retries a 429 with its Retry-After (another client used the quota), taking a token for the retry', async () => {
		server.reset((_req, res, hit) =>
			hit === 3
				? sendJson(res, 429, { message: 'slow down' }, { 'Retry-After': '7' })
				: sendJson(res, 200, { hit }),
		);
		const clock = fakeClock();
		const ctx = contextOf('cred-1');
		const send = () =>
			cloudRequest(ctx, CRED, { url: `${origin}/r`, rateLimit: LIMIT }, {}, clock.deps);
		await send();
		await send();
		expect(await send()).toEqual({ hit: 4 });
		// the third waited for its token, met a 429, waited 7 s as told; the bucket had refilled by then
		expect(clock.delays).toEqual([500, 7_000]);
		expect(server.hitsOf('/r')).toBe(4);
	});

	it('does not pace a context without a stored credential (nothing to share it with)', async () => {
		const clock = fakeClock();
		const ctx = contextOf(undefined);
		for (let i = 0; i < 4; i++)
			await cloudRequest(ctx, CRED, { url: `${origin}/n`, rateLimit: LIMIT }, {}, clock.deps);
		expect(clock.delays).toEqual([]);
		expect(server.hitsOf('/n')).toBe(4);
	});
});
