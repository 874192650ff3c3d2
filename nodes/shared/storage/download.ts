import { createHash } from 'crypto';
import { Readable } from 'stream';

import {
	DEFAULT_RETRY_POLICY,
	decideRetry,
	isRetryableNetworkError,
	parseRetryAfter,
	type RetryPolicy,
} from '../transport/retryPolicy';
import { waitUnlessAborted } from '../transport/wait';
import type { ByteRange, DownloadOptions } from './driver';
import { crc32c } from './drivers/gcs/crc32c';
import { HashMismatchError, InvalidNameError, RateLimitedError, StorageError } from './errors';
import { inParallelRanges, type ParallelRangesOptions } from './parallelRanges';

/**
 * The one download path of every storage driver (S3, Azure Blob, GCS, Swift, Local).
 *
 * A driver makes the first request itself (it knows the object's version from that answer),
 * then hands the body here with a way to ask again: `reopen(from)` must request the bytes from
 * `from` on, pinned to that same version (If-Match ETag, generation, size + mtime…), and throw
 * `ObjectChangedError` when the object is no longer that version. This stream passes the bytes
 * on as they come, never holding the object; when the body breaks or stalls it asks again
 * from the first byte not yet passed on, under the shared retry policy; and it checks the
 * object's whole hash as the bytes pass, failing with `HashMismatch` instead of ending.
 */

/** A whole-object hash to check: hex MD5, or CRC32C as Google writes it (base64, big-endian). */
export interface ExpectedHash {
	algorithm: 'md5' | 'crc32c';
	value: string;
}

export interface ResumableDownload {
	/** The object's key, for messages. */
	key: string;
	/** The body of the first answer. */
	body: Readable;
	/** The object position of the body's first byte. */
	start: number;
	/** How many bytes the download must pass on, when the answer said so. */
	length?: number;
	/** Asks again for the bytes from `from` (object position) on, pinned to the first version. */
	reopen: (from: number) => Promise<Readable>;
	/** Checked over the bytes passed on; only for a whole object. */
	expectedHash?: ExpectedHash;
	policy?: Partial<RetryPolicy>;
	signal?: { aborted: boolean };
	/**
	 * Asks for the bytes `from`..`last` (object positions) pinned to the first version; given,
	 * a big download is read as parallel ranges (storage/parallelRanges.ts).
	 */
	openRange?: (from: number, last: number) => Promise<Readable>;
	/** Parallel ranges: parts in flight and part size, or false for one stream. */
	ranges?: ParallelRangesOptions | false;
}

/**
 * The size of the chunks the Local backend reads. A download passes the SDKs' chunks (16–64 KiB)
 * on as they come: gathering them into 256 KiB buffers cut n8n's writes fourfold but, measured
 * (Swift, 1 GiB, README "Benchmarks"), did not make the download faster and raised n8n's peak by
 * 18–50 MiB (a second copy of every byte for the GC to collect).
 */
export const DOWNLOAD_CHUNK_BYTES = 256 * 1024;

/** The object changed between two requests of one download: its bytes are never spliced. */
export class ObjectChangedError extends StorageError {
	constructor(key: string) {
		super(
			'ObjectChanged',
			`Object "${key}" changed while it was being downloaded; nothing was output. Run the node again to download the new version`,
		);
	}
}

/** The bytes stopped coming for longer than the idle timeout. */
class StalledBodyError extends Error {
	readonly code = 'ETIMEDOUT';
	constructor(ms: number) {
		super(`No byte arrived for ${ms} ms`);
	}
}

/** A body that ended before its announced length (a connection closed early). */
class ShortBodyError extends Error {
	readonly code = 'ECONNRESET';
	constructor(received: number, expected: number) {
		super(`The body ended after ${received} of ${expected} bytes`);
	}
}

interface RunningHash {
	update(data: Uint8Array): void;
	digest(): string;
}

function runningHash(algorithm: ExpectedHash['algorithm']): RunningHash {
	if (algorithm === 'md5') {
		const hash = createHash('md5');
		return { update: (data) => hash.update(data), digest: () => hash.digest('hex') };
	}
	let value = 0;
	return {
		update: (data) => (value = crc32c(value, data)),
		digest: () => {
			const bytes = Buffer.alloc(4);
			bytes.writeUInt32BE(value >>> 0);
			return bytes.toString('base64');
		},
	};
}

/**
 * Ends a wait for the body's next chunk with a StalledBodyError once it lasted `idleMs` (time
 * the consumer takes between chunks does not count). One timer per body, re-armed only when
 * it fires (not one per chunk), so a fast body costs nothing. Each wait races the body against
 * a promise of its own: racing every chunk against one long-lived promise would keep every
 * chunk reachable from it until the body ended (the whole object in memory).
 */
class IdleWatch {
	private last = Date.now();
	/** Ends the current wait, while one runs. */
	private stall?: (error: Error) => void;
	private timer?: NodeJS.Timeout;

	constructor(private readonly idleMs: number) {
		this.arm(idleMs);
	}

	private arm(ms: number) {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the idle timeout of a body
		this.timer = setTimeout(() => this.check(), ms);
	}

	private check() {
		const idle = this.stall ? Date.now() - this.last : 0;
		if (idle >= this.idleMs) this.stall!(new StalledBodyError(this.idleMs));
		else this.arm(this.idleMs - idle);
	}

	/** The next chunk of `iterator`, or a StalledBodyError when none comes in time. */
	async next(iterator: AsyncIterator<Uint8Array>): Promise<IteratorResult<Uint8Array>> {
		this.last = Date.now();
		const stalled = new Promise<never>((_, reject) => (this.stall = reject));
		try {
			return await Promise.race([iterator.next(), stalled]);
		} finally {
			this.stall = undefined;
			this.last = Date.now();
		}
	}

	stop() {
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- see above
		clearTimeout(this.timer);
	}
}

/** The next chunk of `iterator`, or the watch's StalledBodyError when none comes in time. */
async function nextChunk(
	iterator: AsyncIterator<Uint8Array>,
	watch: IdleWatch | undefined,
): Promise<IteratorResult<Uint8Array>> {
	return watch ? await watch.next(iterator) : await iterator.next();
}

function statusOf(error: unknown): number | undefined {
	const node = error as {
		statusCode?: unknown;
		httpStatusCode?: unknown;
		status?: unknown;
		$metadata?: { httpStatusCode?: unknown };
	};
	for (const value of [
		node?.statusCode,
		node?.httpStatusCode,
		node?.$metadata?.httpStatusCode,
		node?.status,
	]) {
		if (typeof value === 'number') return value;
	}
	return undefined;
}

function retryAfterOf(error: unknown): number | undefined {
	const headers = (error as { headers?: Record<string, unknown>; response?: { headers?: unknown } })
		?.headers;
	return parseRetryAfter(headers?.['retry-after'] ?? headers?.['Retry-After']);
}

function destroyQuietly(body: Readable) {
	body.on('error', () => undefined);
	if (!body.destroyed) body.destroy();
}

async function* resumingChunks(download: ResumableDownload): AsyncGenerator<Buffer> {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...download.policy };
	const hash = download.expectedHash ? runningHash(download.expectedHash.algorithm) : undefined;
	// With a hash to check, one chunk is held back so that the last is passed on only once the
	// hash matched; it counts as passed on (it came from the pinned version and survives a
	// broken body).
	// Attempts and time are counted from the last byte that came: a long download survives
	// several breaks as long as each attempt makes progress.
	let failingSince = Date.now();
	let passed = 0;
	let passedAtFailure = 0;
	let failures = 0;
	let body: Readable | undefined = download.body;
	let held: Buffer | undefined;
	try {
		for (;;) {
			let watch: IdleWatch | undefined;
			try {
				if (!body) body = await download.reopen(download.start + passed);
				const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
				if (policy.idleTimeoutMs > 0) watch = new IdleWatch(policy.idleTimeoutMs);
				for (;;) {
					const { value, done } = await nextChunk(iterator, watch);
					if (done) break;
					const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value);
					if (chunk.length === 0) continue;
					passed += chunk.length;
					if (!hash) {
						yield chunk;
						continue;
					}
					hash.update(chunk);
					if (held) yield held;
					held = chunk;
				}
				if (download.length !== undefined && passed < download.length)
					throw new ShortBodyError(passed, download.length);
				break;
			} catch (error) {
				if (body) destroyQuietly(body);
				body = undefined;
				const rateLimited = error instanceof RateLimitedError;
				if (error instanceof StorageError && !rateLimited) throw error;
				if (passed > passedAtFailure) {
					failures = 0;
					failingSince = Date.now();
					passedAtFailure = passed;
				}
				failures++;
				const status = rateLimited ? 429 : statusOf(error);
				const decision = decideRetry(
					{
						attemptsMade: failures,
						status: status !== undefined && status >= 400 ? status : undefined,
						retryAfterMs: retryAfterOf(error),
						transientNetworkError:
							error instanceof StalledBodyError ||
							error instanceof ShortBodyError ||
							isRetryableNetworkError(error) ||
							/aborted|premature|socket hang up|terminated|timed out/i.test(String(error)),
						replayable: true,
						elapsedMs: Date.now() - failingSince,
					},
					policy,
				);
				if (!decision.retry) throw error;
				if (!(await waitUnlessAborted(decision.delayMs, download.signal))) throw error;
			} finally {
				watch?.stop();
			}
		}
		if (hash && download.expectedHash) {
			const actual = hash.digest();
			const expected = download.expectedHash.value;
			const same =
				download.expectedHash.algorithm === 'md5'
					? actual === expected.toLowerCase()
					: actual === expected;
			if (!same) throw new DownloadHashMismatchError(download.key, download.expectedHash, actual);
		}
		if (held) yield held;
	} finally {
		if (body) destroyQuietly(body);
	}
}

/** The bytes that arrived are not those the provider stored (a byte damaged on the way). */
export class DownloadHashMismatchError extends HashMismatchError {
	constructor(key: string, expected: ExpectedHash, actual: string) {
		super(key, expected.value, actual, 'verifyHash');
		this.message = `Object "${key}": the ${expected.algorithm.toUpperCase()} of the bytes received (${actual}) is not the stored one (${expected.value}); nothing was output. Run the node again, or turn off "Verify Hash"`;
	}
}

/** The download as one stream (see the top of this file). */
export function resumableDownload(download: ResumableDownload): Readable {
	const parallel = inParallelRanges(download, resumingChunks);
	return Readable.from(resumingChunks(parallel ?? download), { objectMode: false });
}

/** What a driver hands over for one download (see `streamDownload`). */
export interface DriverDownload<T extends object> extends Omit<
	ResumableDownload,
	'policy' | 'ranges' | 'signal'
> {
	/** What the output item reports of the object (or of the range), completed with the hash check. */
	info: T;
	range: ByteRange | undefined;
	options: DownloadOptions;
	/** Why no hash is checked when the provider gave none (for the output item). */
	noHashReason?: string;
}

/**
 * A driver's download as a stream through the shared path (resumed, checked, parallel ranges
 * where the driver gives `openRange`) with the info that reports the hash check.
 */
export function streamDownload<T extends object>(
	download: DriverDownload<T>,
): { info: T & ReturnType<typeof hashCheckOutput>; stream: Readable } {
	const { info, range, options, noHashReason, ...rest } = download;
	const stream = resumableDownload({ ...rest, ranges: options.ranges, policy: options.policy });
	const check = hashCheckOutput(download.expectedHash, range, options, noHashReason);
	return { info: Object.assign(info, check), stream };
}

/** The hex MD5 an object's bytes must have. */
export function md5Hash(value: string): ExpectedHash {
	return { algorithm: 'md5', value: value.toLowerCase() };
}

/** How a download reports its hash check in its output. */
export function hashCheckOutput(
	expected: ExpectedHash | undefined,
	range: ByteRange | undefined,
	options: DownloadOptions,
	otherwise = 'the provider stores no whole-object hash for it',
): { hashChecked: string } | { hashNotChecked: string } {
	if (expected) return { hashChecked: expected.algorithm };
	if (options.verifyHash === false) return { hashNotChecked: '"Verify Hash" is off' };
	return { hashNotChecked: range ? 'a byte range has no stored hash' : otherwise };
}

/**
 * The bytes a download of `range` reads from an object described by `info` (whole when no
 * range), refused before any request when the range lies outside the object; `info` then
 * describes the range (its size, `range: "bytes a-b/size"`).
 */
export function rangeOfObject<T extends { size: number }>(
	info: T,
	range: ByteRange | undefined,
): { start: number; last: number; info: T & { range?: string } } {
	if (!range || (info.size === 0 && range.start === 0))
		return { start: 0, last: info.size - 1, info };
	const end = range.end ?? info.size - 1;
	if (
		!Number.isInteger(range.start) ||
		range.start < 0 ||
		range.start >= info.size ||
		end < range.start
	) {
		throw new InvalidNameError(
			'rangeStart',
			`The byte range ${range.start}-${range.end ?? ''} is outside the object (size ${info.size})`,
		);
	}
	const last = Math.min(end, info.size - 1);
	return {
		start: range.start,
		last,
		info: {
			...info,
			size: last - range.start + 1,
			range: `bytes ${range.start}-${last}/${info.size}`,
		},
	};
}
