import { Readable } from 'stream';

import type { ResumableDownload } from './download';

/**
 * Parallel ranged GETs for one big download, passed on in order as one stream.
 *
 * Over a link with latency one TCP stream carries only a fraction of the bandwidth (its window
 * grows slowly back after each lost packet), so a big object is read as consecutive parts of
 * `partSize` bytes, `concurrency` of them in flight. Only where the link is the limit, though:
 * the first answer streams on alone while its reader (n8n) is the slower side, and the download
 * turns parallel once the reader spent more than `waitingShare` of the time waiting for bytes,
 * judged over at least one part's worth of bytes and `waitingWindowMs`. (Over loopback the reader
 * is the slower side, and parts read ahead there only cost memory and the server's time:
 * measured, README "Benchmarks". There the reader still waits in bursts, a local server pausing
 * for a few tens of milliseconds; a window of a second tells those from a link's latency.)
 * The reader gets the parts in order: the
 * lowest part passes its bytes on as they arrive, the parts ahead of it keep theirs until its
 * turn, and no part beyond the lowest + `concurrency` starts. So at most `concurrency` ×
 * `partSize` bytes wait in memory. Each part is fetched by `partChunks`, which resumes a broken
 * part from its next byte, pinned (like every resume) to the version of the first answer; a
 * part that fails for good fails the whole stream, and the parts still running are stopped.
 */

export interface ParallelRangesOptions {
	/** Parts in flight at once (1 turns the feature off). */
	concurrency?: number;
	/** Bytes of each part. */
	partSize?: number;
	/**
	 * Parts are read ahead once the reader waited for bytes this share of the time (0 to 1)
	 * while at least one part's worth of the first answer and `waitingWindowMs` passed; 0: from
	 * the start.
	 */
	waitingShare?: number;
	/** The shortest time the waiting share is judged over (besides one part's worth of bytes). */
	waitingWindowMs?: number;
}

export const DEFAULT_PARALLEL_RANGES: Required<ParallelRangesOptions> = {
	concurrency: 8,
	// 2 MiB: over the emulated link as fast as 4 MiB parts, with ~25–50 MiB less waiting in memory
	// (README "Over an emulated wide-area link")
	partSize: 2 * 1024 * 1024,
	waitingShare: 0.5,
	waitingWindowMs: 1000,
};

/** One part of the download: the bytes from `start` to `last` (object positions, inclusive). */
export interface PartRequest {
	start: number;
	last: number;
	/** The body that already carries these bytes (the first answer's), else undefined. */
	body?: Readable;
	/** Set once the whole download stops: a part must not begin another attempt. */
	signal: { aborted: boolean };
}

export interface ParallelDownload {
	/** The first answer's body; it serves the first part and is then closed. */
	body: Readable;
	/** The object position of the body's first byte. */
	start: number;
	/** The bytes the download passes on. */
	length: number;
	/** The bytes of one part, resumed after a break (the caller's resume logic). */
	partChunks: (part: PartRequest) => AsyncIterable<Buffer>;
	options?: ParallelRangesOptions | false;
	/** Closes every part's body at once when the download stops early (a failure, the reader). */
	closeParts?: () => void;
}

/** The options in force, or undefined when the download is too small to be split. */
export function parallelRangesFor(
	length: number | undefined,
	options: ParallelRangesOptions | false | undefined,
): Required<ParallelRangesOptions> | undefined {
	if (options === false || length === undefined) return undefined;
	const chosen = { ...DEFAULT_PARALLEL_RANGES, ...options };
	const concurrency = Math.floor(chosen.concurrency);
	const partSize = Math.floor(chosen.partSize);
	const waitingShare = Math.min(Math.max(Number(chosen.waitingShare) || 0, 0), 1);
	const waitingWindowMs = Math.max(Number(chosen.waitingWindowMs) || 0, 0);
	if (!(concurrency > 1) || !(partSize > 0) || length < 2 * partSize) return undefined;
	return { concurrency, partSize, waitingShare, waitingWindowMs };
}

/** How many bytes of the first answer its part passes on: all, until the download splits. */
interface FirstLimit {
	limit: number;
	passed: number;
}

/** Bytes the first part keeps ahead of its reader before it stops reading the socket. */
const FIRST_PART_AHEAD = 1024 * 1024;

/** A part's chunks until `limit` of them passed (a bound that may shrink while they are read). */
async function* upTo(source: AsyncIterable<Buffer>, limit: FirstLimit): AsyncGenerator<Buffer> {
	for await (const chunk of source) {
		const left = limit.limit - limit.passed;
		if (chunk.length >= left) {
			limit.passed += Math.max(left, 0);
			if (left > 0) yield chunk.subarray(0, left);
			return;
		}
		limit.passed += chunk.length;
		yield chunk;
	}
}

/**
 * A part being fetched: its chunks wait here until the reader reaches it, at most `ahead` bytes
 * (a part ahead holds its whole part; the first part, which may be the whole download, less).
 */
class RunningPart {
	private readonly chunks: Buffer[] = [];
	private buffered = 0;
	private ended = false;
	private failure?: { error: unknown };
	private wake?: () => void;
	private space?: () => void;
	private stopped = false;

	constructor(
		source: AsyncIterable<Buffer>,
		private readonly ahead = Infinity,
	) {
		void this.run(source);
	}

	private async run(source: AsyncIterable<Buffer>) {
		try {
			for await (const chunk of source) {
				if (this.stopped) return;
				this.chunks.push(chunk);
				this.buffered += chunk.length;
				this.notify();
				while (this.buffered >= this.ahead && !this.stopped)
					await new Promise<void>((resolve) => (this.space = resolve));
			}
			this.ended = true;
		} catch (error) {
			this.failure = { error };
		}
		this.notify();
	}

	private notify() {
		const wake = this.wake;
		this.wake = undefined;
		wake?.();
	}

	/** The part's bytes in order, as they come; throws the part's failure. */
	async *drain(waited?: (ms: number) => void): AsyncGenerator<Buffer> {
		for (;;) {
			const chunk = this.chunks.shift();
			if (chunk) {
				this.buffered -= chunk.length;
				this.makeSpace();
				yield chunk;
			} else if (this.failure) throw this.failure.error;
			else if (this.ended) return;
			else {
				const since = Date.now();
				await new Promise<void>((resolve) => (this.wake = resolve));
				waited?.(Date.now() - since);
			}
		}
	}

	private makeSpace() {
		const space = this.space;
		this.space = undefined;
		space?.();
	}

	/** Stops keeping bytes (the part's source ends at its next chunk). */
	stop() {
		this.stopped = true;
		this.chunks.length = 0;
		this.makeSpace();
	}
}

/** The download as ordered chunks (see the top of this file). */
export async function* parallelRangeChunks(download: ParallelDownload): AsyncGenerator<Buffer> {
	const chosen = parallelRangesFor(download.length, download.options);
	const partSize = chosen?.partSize ?? download.length;
	const concurrency = chosen?.concurrency ?? 1;
	const end = download.start + download.length; // one past the last byte
	const signal = { aborted: false };
	const running: RunningPart[] = [];
	// The first part is the whole download until it splits (at once when waitingShare is 0).
	const first: FirstLimit = { limit: download.length, passed: 0 };
	let next = end;
	const startPart = () => {
		const start = next;
		const last = Math.min(start + partSize, end) - 1;
		next = last + 1;
		running.push(new RunningPart(download.partChunks({ start, last, signal })));
	};
	const fillUp = () => {
		while (running.length < concurrency && next < end) startPart();
	};
	let splitDone = false;
	/** From now on parts are read ahead: the first one ends one part size further on. */
	const split = () => {
		splitDone = true;
		first.limit = Math.min(first.passed + partSize, download.length);
		next = download.start + first.limit;
		fillUp();
	};
	// While unsplit: the reader's waiting time over the bytes passed since `since`.
	const pace = { since: Date.now(), waitedMs: 0, bytes: 0 };
	const waited = (ms: number) => (pace.waitedMs += ms);
	const firstChunks = download.partChunks({
		start: download.start,
		last: end - 1,
		body: download.body,
		signal,
	});
	running.push(new RunningPart(upTo(firstChunks, first), FIRST_PART_AHEAD));
	try {
		if (chosen?.waitingShare === 0) split();
		if (chosen && !splitDone) {
			// Unsplit: the first answer streams alone, and the reader's waiting decides.
			for await (const chunk of running[0].drain(waited)) {
				yield chunk;
				if (splitDone) continue;
				pace.bytes += chunk.length;
				if (pace.bytes < partSize) continue;
				const elapsed = Date.now() - pace.since;
				if (elapsed < chosen.waitingWindowMs) continue;
				if (elapsed > 0 && pace.waitedMs / elapsed > chosen.waitingShare) split();
				else Object.assign(pace, { since: Date.now(), waitedMs: 0, bytes: 0 });
			}
			running.shift();
		}
		while (running.length) {
			fillUp();
			yield* running[0].drain();
			running.shift();
		}
	} finally {
		signal.aborted = true;
		for (const part of running) part.stop();
		if (running.length) download.closeParts?.();
		// The first answer's body, when the reader stopped before the first part read it.
		download.body.on('error', () => undefined);
		if (!download.body.destroyed) download.body.destroy();
	}
}

/** A body that makes its request only when first read (its errors then come as body errors). */
function openedWhenRead(open: () => Promise<Readable>): Readable {
	async function* bytes() {
		const body = await open();
		try {
			yield* body;
		} finally {
			body.on('error', () => undefined);
			if (!body.destroyed) body.destroy();
		}
	}
	return Readable.from(bytes(), { objectMode: false });
}

/**
 * `download` read as parallel ranges when its driver can ask for a bounded range and it is big
 * enough, else undefined. The answer is a download whose body is the ordered parts: it is not
 * reopened (each part resumes itself) and `chunks` still checks the whole object's hash on it.
 */
export function inParallelRanges(
	download: ResumableDownload,
	chunks: (download: ResumableDownload) => AsyncIterable<Buffer>,
): ResumableDownload | undefined {
	const { openRange, length } = download;
	if (!openRange || length === undefined || !parallelRangesFor(length, download.ranges))
		return undefined;
	const open = new Set<Readable>();
	const tracked = async (from: number, last: number) => {
		const body = await openRange(from, last);
		open.add(body);
		body.once('close', () => open.delete(body));
		return body;
	};
	const partChunks = (part: PartRequest) =>
		chunks({
			key: download.key,
			body: part.body ?? openedWhenRead(async () => await tracked(part.start, part.last)),
			start: part.start,
			length: part.last - part.start + 1,
			reopen: async (from) => await tracked(from, part.last),
			policy: download.policy,
			signal: {
				get aborted() {
					return part.signal.aborted || Boolean(download.signal?.aborted);
				},
			},
		});
	const ordered = parallelRangeChunks({
		body: download.body,
		start: download.start,
		length,
		partChunks,
		options: download.ranges,
		closeParts: () => {
			for (const body of open) {
				body.on('error', () => undefined);
				body.destroy();
			}
		},
	});
	return {
		...download,
		body: Readable.from(ordered, { objectMode: false }),
		reopen: async () => {
			throw new Error('The parts of a parallel download resume themselves');
		},
		policy: { ...download.policy, maxAttempts: 1, idleTimeoutMs: 0 },
	};
}
