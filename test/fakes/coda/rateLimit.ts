/**
 * Sliding-window rate limiting per request class. The spec's "Rate Limiting" section only has
 * unexpanded placeholders ({{READ_RATE_LIMIT}} …); the defaults are Coda's published numbers.
 */
export type RateLimitKind = 'read' | 'write' | 'writeDocContent' | 'listDocs';

export interface RateLimit {
	count: number;
	windowMs: number;
}

/** `null` disables limiting for that class. */
export type RateLimits = Partial<Record<RateLimitKind, RateLimit | null>>;

export const CODA_RATE_LIMITS: Record<RateLimitKind, RateLimit> = {
	read: { count: 100, windowMs: 6_000 },
	write: { count: 10, windowMs: 6_000 },
	writeDocContent: { count: 5, windowMs: 10_000 },
	listDocs: { count: 4, windowMs: 6_000 },
};

/** Listing docs and doc-content writes have their own limits; other GETs read, the rest write. */
export function classifyRequest(method: string, template: string): RateLimitKind {
	const upper = method.toUpperCase();
	if (upper === 'GET') return template === '/docs' ? 'listDocs' : 'read';
	if (/^\/docs\/\{docId\}\/pages(\/\{pageIdOrName\}(\/content)?)?$/.test(template))
		return 'writeDocContent';
	return 'write';
}

export class RateLimiter {
	private limits: Record<RateLimitKind, RateLimit | null> = { ...CODA_RATE_LIMITS };
	private readonly hits = new Map<RateLimitKind, number[]>();

	constructor(limits: RateLimits = {}) {
		this.set(limits);
	}

	/** Changes the given limits (others keep their value) and clears all counters. */
	set(limits: RateLimits): void {
		this.limits = { ...this.limits, ...limits };
		this.hits.clear();
	}

	reset(): void {
		this.hits.clear();
	}

	/** Records a request; returns `undefined` if allowed, else the Retry-After delay in seconds. */
	take(kind: RateLimitKind, now = Date.now()): number | undefined {
		const limit = this.limits[kind];
		if (!limit) return undefined;
		const recent = (this.hits.get(kind) ?? []).filter((t) => t > now - limit.windowMs);
		this.hits.set(kind, recent);
		if (recent.length >= limit.count) {
			return Math.max(1, Math.ceil((recent[0] + limit.windowMs - now) / 1000));
		}
		recent.push(now);
		return undefined;
	}
}
