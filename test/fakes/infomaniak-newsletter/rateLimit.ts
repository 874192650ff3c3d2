/**
 * Infomaniak's quota: 60 requests per minute per account. The fake counts every request of a
 * token in a sliding window (the strictest way to count it) and answers the one over the quota
 * with a 429, with a Retry-After in seconds unless told not to (whether Infomaniak sends one is
 * not documented).
 */
export interface Quota {
	requests: number;
	windowMs: number;
}

export const INFOMANIAK_QUOTA: Quota = { requests: 60, windowMs: 60_000 };

export class SlidingWindow {
	private readonly seen = new Map<string, number[]>();

	constructor(public quota: Quota | null = INFOMANIAK_QUOTA) {}

	/** Counts a request; undefined when allowed, else the seconds until one more is. */
	admit(account: string, now = Date.now()): number | undefined {
		if (!this.quota) return undefined;
		const since = now - this.quota.windowMs;
		const times = (this.seen.get(account) ?? []).filter((at) => at > since);
		this.seen.set(account, times);
		if (times.length >= this.quota.requests)
			return Math.max(1, Math.ceil((times[0] - since) / 1000));
		times.push(now);
		return undefined;
	}

	clear(): void {
		this.seen.clear();
	}
}
