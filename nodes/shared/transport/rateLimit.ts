import type { IHttpRequestOptions, INode } from 'n8n-workflow';

/**
 * Client-side pacing of a provider's published request quota ("pace, then retry").
 *
 * A node declares its provider's quota on each request (`rateLimit` of `cloudRequest`); every
 * attempt, retries included, first takes a token from a bucket keyed by credential, host and
 * quota name. The buckets live at module level, so all the nodes and executions of one n8n
 * process that use one credential share them. They are not shared between processes: in n8n's
 * queue mode each worker paces on its own, and a 429 caused by another worker (or by any other
 * client of the same account) is still retried by the transport, honouring its Retry-After.
 */
export interface RateLimit {
	/** Tokens added per `intervalMs`: the long-run rate. */
	requests: number;
	intervalMs: number;
	/** The bucket's size: how many requests may go back to back after a quiet spell (default `requests`). */
	burst?: number;
	/** Name of the quota when a provider has several (Coda: reads, writes…); requests naming the same one share a bucket. */
	quota?: string;
}

/**
 * A quota the server enforces over windows ("60 requests per minute"), fixed or sliding: a bucket
 * of `burst` tokens refilled at `requests - burst` per interval never sends more than `requests`
 * in any window of `intervalMs`, wherever the server starts counting, so it never meets a 429 of
 * its own making. `burst` is the price: the larger it is, the slower the long-run rate.
 */
export function windowQuota(
	requests: number,
	intervalMs: number,
	burst = 1,
	quota?: string,
): RateLimit {
	const size = Math.min(Math.max(1, Math.floor(burst)), Math.max(1, requests - 1));
	return { requests: requests - size, intervalMs, burst: size, ...(quota ? { quota } : {}) };
}

/** A token bucket that hands out reservations: the tokens may go below zero, each taker waiting its turn. */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;
	readonly capacity: number;
	readonly tokensPerMs: number;

	constructor(limit: RateLimit, now: number) {
		if (!(limit.requests > 0) || !(limit.intervalMs > 0))
			throw new Error('A rate limit needs requests > 0 and intervalMs > 0');
		this.capacity = Math.max(1, limit.burst ?? limit.requests);
		this.tokensPerMs = limit.requests / limit.intervalMs;
		this.tokens = this.capacity;
		this.updatedAt = now;
	}

	private refill(now: number): void {
		if (now <= this.updatedAt) return;
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.tokensPerMs);
		this.updatedAt = now;
	}

	/** Takes the next token and says how many ms to wait before it may be used (0: at once). */
	take(now: number): number {
		this.refill(now);
		this.tokens -= 1;
		return this.tokens >= 0 ? 0 : -this.tokens / this.tokensPerMs;
	}

	/** Tokens available now (negative: reservations waiting), for tests and diagnostics. */
	available(now: number): number {
		this.refill(now);
		return this.tokens;
	}
}

const buckets = new Map<string, { bucket: TokenBucket; declared: string }>();

/** The bucket of a key, made on first use (or remade when the declaration changed). */
export function bucketFor(key: string, limit: RateLimit, now: number): TokenBucket {
	const declared = JSON.stringify([limit.requests, limit.intervalMs, limit.burst]);
	const found = buckets.get(key);
	if (found && found.declared === declared) return found.bucket;
	const bucket = new TokenBucket(limit, now);
	buckets.set(key, { bucket, declared });
	return bucket;
}

/** Forgets every bucket (tests). */
export function resetRateLimits(): void {
	buckets.clear();
}

function requestHost(request: IHttpRequestOptions): string {
	try {
		return new URL(request.url, request.baseURL || undefined).host;
	} catch {
		return String(request.baseURL ?? request.url);
	}
}

/** Waits for an attempt's token from the request's bucket (its credential's, for this host and quota). */
export type Pacer = () => Promise<void>;

/**
 * The pacer of one request: the bucket of its credential (the one n8n stores, by id) for this host
 * and quota. A context without a stored credential (outside n8n) has no bucket to share: undefined.
 */
export function requestPacer(
	ctx: { getNode(): INode },
	credentialType: string,
	request: IHttpRequestOptions,
	limit: RateLimit,
	clock: { now: () => number; sleep: (ms: number) => Promise<void> },
): Pacer | undefined {
	const credentialId = ctx.getNode().credentials?.[credentialType]?.id;
	if (!credentialId) return undefined;
	const key = [credentialType, credentialId, requestHost(request), limit.quota ?? 'all'].join(
		'\u0000',
	);
	const bucket = bucketFor(key, limit, clock.now());
	return async () => {
		const delayMs = bucket.take(clock.now());
		if (delayMs > 0) await clock.sleep(Math.ceil(delayMs));
	};
}
