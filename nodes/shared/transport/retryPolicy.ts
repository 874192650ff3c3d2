/**
 * Pure retry/backoff rules shared by every REST node of the pack.
 * Nothing in here performs I/O, so every decision can be unit-tested with fixed inputs.
 */

export interface RetryPolicy {
	/** Total number of attempts, the first one included. */
	maxAttempts: number;
	/** Backoff base: the ceiling of the n-th retry delay is baseDelayMs * 2^n. */
	baseDelayMs: number;
	/** Upper bound for a single wait, Retry-After included. */
	maxDelayMs: number;
	/** Wall-clock budget for all attempts and waits together. */
	maxTotalMs: number;
	/**
	 * Connect timeout. n8n's request helper exposes a single `timeout`, so REST calls made through
	 * it enforce the connect phase with that same timeout. Kept here for SDK-based providers
	 * (S3, Azure, GCS clients) that can configure both separately.
	 */
	connectTimeoutMs: number;
	/** Socket idle timeout, passed to n8n's helper as `timeout` unless the caller sets one. */
	idleTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalMs: 120_000,
	connectTimeoutMs: 30_000,
	idleTimeoutMs: 60_000,
});

/**
 * The policy of every credential test: a test answers within seconds (two attempts, ten
 * seconds in all), whatever the address does, instead of retrying for minutes.
 */
export const CREDENTIAL_TEST_POLICY: Readonly<RetryPolicy> = Object.freeze({
	maxAttempts: 2,
	baseDelayMs: 500,
	maxDelayMs: 2000,
	maxTotalMs: 10_000,
	connectTimeoutMs: 10_000,
	idleTimeoutMs: 10_000,
});

const MUST_BE_POSITIVE: ReadonlyArray<keyof RetryPolicy> = ['maxAttempts', 'maxTotalMs'];

/**
 * Defaults overlaid with the valid overrides (finite, >= 0; > 0 for maxAttempts and maxTotalMs).
 * Undefined or invalid values keep the default. A timeout of 0 means "none" (the budget still applies).
 */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
	for (const key of Object.keys(policy) as Array<keyof RetryPolicy>) {
		const value = overrides[key];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) continue;
		if (value === 0 && MUST_BE_POSITIVE.includes(key)) continue;
		policy[key] = value;
	}
	policy.maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
	return policy;
}

export const RETRYABLE_STATUSES: readonly number[] = [429, 502, 503, 504];

/** Statuses whose Retry-After header is honoured. */
export const RETRY_AFTER_STATUSES: readonly number[] = [429, 503];

export function isRetryableStatus(status: number | undefined): boolean {
	return status !== undefined && RETRYABLE_STATUSES.includes(status);
}

/**
 * Transient network failures. ECONNREFUSED is deliberately absent: a refused connection means
 * nothing listens there, which waiting rarely fixes.
 */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNABORTED',
];

const AXIOS_TIMEOUT_MESSAGE = /^timeout (of \d+ms )?exceeded/i;

/** Walks an error and the errors it wraps (`cause`, legacy `reason`/`error`), nearest first. */
export function errorChain(err: unknown, maxDepth = 5): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = err;
	while (current && typeof current === 'object' && chain.length < maxDepth) {
		if (chain.includes(current as Record<string, unknown>)) break;
		const node = current as Record<string, unknown>;
		chain.push(node);
		current = node.cause ?? node.reason ?? (node.error instanceof Error ? node.error : undefined);
	}
	return chain;
}

/** First error `code` (like ECONNRESET) found along the wrapped-error chain. */
export function networkErrorCode(err: unknown): string | undefined {
	for (const node of errorChain(err)) {
		if (typeof node.code === 'string' && node.code !== '') return node.code;
	}
	return undefined;
}

export function isRetryableNetworkError(err: unknown): boolean {
	for (const node of errorChain(err)) {
		if (typeof node.code === 'string' && RETRYABLE_NETWORK_CODES.includes(node.code)) return true;
		if (typeof node.message === 'string' && AXIOS_TIMEOUT_MESSAGE.test(node.message)) return true;
	}
	return false;
}

export const TIMEOUT_NETWORK_CODES: readonly string[] = [
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
];

/** The request timed out (axios reports its own timeout as ECONNABORTED or ETIMEDOUT). */
export function isTimeoutError(err: unknown): boolean {
	return errorChain(err).some(
		(node) =>
			(typeof node.code === 'string' && TIMEOUT_NETWORK_CODES.includes(node.code)) ||
			(typeof node.message === 'string' && AXIOS_TIMEOUT_MESSAGE.test(node.message)),
	);
}

/**
 * Parses a Retry-After header into milliseconds to wait.
 * Accepts delta-seconds ("120") and an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT").
 * A date in the past means "now" (0). Negative or unparsable values give undefined.
 */
export function parseRetryAfter(
	headerValue: unknown,
	now: number = Date.now(),
): number | undefined {
	const raw = Array.isArray(headerValue) ? headerValue[0] : headerValue;
	if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw * 1000 : undefined;
	if (typeof raw !== 'string') return undefined;
	const value = raw.trim();
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	// Only strings that look like a date: Date.parse would read "-5" or "12" as a year.
	if (!/[a-z]{3}/i.test(value)) return undefined;
	const at = Date.parse(value);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/**
 * Full-jitter exponential backoff: random * min(maxDelayMs, baseDelayMs * 2^attempt).
 * `attempt` is the 0-based retry number (0 before the first retry).
 */
export function backoffDelay(
	attempt: number,
	policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
	return Math.floor(random() * ceiling);
}

const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

export function isIdempotentMethod(method: string | undefined): boolean {
	return IDEMPOTENT_METHODS.includes((method ?? 'GET').toUpperCase());
}

export interface FailedAttempt {
	/** How many attempts have been made so far (1 after the first failure). */
	attemptsMade: number;
	/** HTTP status, when the service answered. */
	status?: number;
	/** Parsed Retry-After in ms, when the service sent one. */
	retryAfterMs?: number;
	/** True when the failure is a transient network error (reset, timeout...). */
	transientNetworkError: boolean;
	/** False for non-idempotent requests not marked retry-safe, and for stream bodies. */
	replayable: boolean;
	/** Time spent since the first attempt started. */
	elapsedMs: number;
}

export type GiveUpReason =
	'not-retryable' | 'not-replayable' | 'max-attempts' | 'time-budget' | 'retry-after-beyond-budget';

export type RetryDecision =
	{ retry: true; delayMs: number } | { retry: false; reason: GiveUpReason };

/** Decides whether to retry a failed attempt and how long to wait first. */
export function decideRetry(
	failed: FailedAttempt,
	policy: RetryPolicy,
	random: () => number = Math.random,
): RetryDecision {
	const transient =
		failed.status !== undefined ? isRetryableStatus(failed.status) : failed.transientNetworkError;
	if (!transient) return { retry: false, reason: 'not-retryable' };
	if (!failed.replayable) return { retry: false, reason: 'not-replayable' };
	if (failed.attemptsMade >= policy.maxAttempts) return { retry: false, reason: 'max-attempts' };

	const remainingMs = policy.maxTotalMs - failed.elapsedMs;
	const honoursRetryAfter =
		failed.retryAfterMs !== undefined &&
		failed.status !== undefined &&
		RETRY_AFTER_STATUSES.includes(failed.status);

	let delayMs: number;
	if (honoursRetryAfter) {
		const retryAfterMs = Math.max(failed.retryAfterMs as number, 0);
		// The service will not accept us before our budget runs out: surface its error now.
		if (retryAfterMs >= remainingMs) return { retry: false, reason: 'retry-after-beyond-budget' };
		delayMs = Math.min(retryAfterMs, policy.maxDelayMs);
	} else {
		delayMs = backoffDelay(failed.attemptsMade - 1, policy, random);
	}

	if (delayMs >= remainingMs) return { retry: false, reason: 'time-budget' };
	return { retry: true, delayMs };
}
