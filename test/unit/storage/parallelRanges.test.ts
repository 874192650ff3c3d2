import { createHash, randomBytes } from 'crypto';
import { Readable } from 'stream';

import {
	ObjectChangedError,
	resumableDownload,
	type ResumableDownload,
} from '../../../nodes/shared/storage/download';
import { parallelRangesFor } from '../../../nodes/shared/storage/parallelRanges';

const FAST = { baseDelayMs: 1, maxDelayMs: 5, idleTimeoutMs: 500, maxAttempts: 3 };
const PART = 10_000;
/** Parts ahead from the start (waitingShare 0); the default waits for the reader to starve. */
const RANGES = { concurrency: 3, partSize: PART, waitingShare: 0 };

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Counts what the bodies served and which bodies are still open. */
class Server {
	served = 0;
	open = 0;
	maxOpen = 0;
	ranges: Array<[number, number]> = [];

	constructor(
		private readonly data: Buffer,
		private readonly delayMs = () => 0,
	) {}

	/** data[from..last], in 1 KiB chunks, breaking (ECONNRESET) after `breakAfter` bytes. */
	body(from: number, last: number, breakAfter = Infinity): Readable {
		let at = from;
		let sent = 0;
		this.open++;
		this.maxOpen = Math.max(this.maxOpen, this.open);
		const served = (size: number) => (this.served += size);
		const closed = () => this.open--;
		const { data, delayMs } = this;
		return new Readable({
			read() {
				void sleep(delayMs()).then(() => {
					if (sent >= breakAfter) {
						this.destroy(Object.assign(new Error('socket reset'), { code: 'ECONNRESET' }));
						return;
					}
					if (at > last) {
						this.push(null);
						return;
					}
					const size = Math.min(1024, last + 1 - at, breakAfter - sent);
					served(size);
					this.push(data.subarray(at, at + size));
					at += size;
					sent += size;
				});
			},
			destroy(error, callback) {
				closed();
				callback(error);
			},
		});
	}

	openRange = async (from: number, last: number) => {
		this.ranges.push([from, last]);
		return this.body(from, last);
	};
}

function download(server: Server, data: Buffer, overrides: Partial<ResumableDownload> = {}) {
	return resumableDownload({
		key: 'k',
		body: server.body(0, data.length - 1),
		start: 0,
		length: data.length,
		reopen: async (from) => server.body(from, data.length - 1),
		openRange: server.openRange,
		ranges: RANGES,
		policy: FAST,
		...overrides,
	});
}

async function collect(stream: Readable, eachChunk?: (chunk: Buffer) => Promise<void> | void) {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(chunk as Buffer);
		await eachChunk?.(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

describe('parallel ranged downloads', () => {
	const data = randomBytes(10 * PART + 1234);

	it('passes the parts on in order, checks the whole MD5, asks for each part once', async () => {
		// Bodies answer at random speeds, so later parts often finish before earlier ones.
		const server = new Server(data, () => Math.floor(Math.random() * 3));
		const out = await collect(
			download(server, data, { expectedHash: { algorithm: 'md5', value: md5(data) } }),
		);
		expect(out.equals(data)).toBe(true);
		// The first part comes from the first answer; the others are bounded ranges.
		expect(server.ranges).toEqual(
			Array.from({ length: 10 }, (_, i) => [
				(i + 1) * PART,
				Math.min((i + 2) * PART, data.length) - 1,
			]),
		);
		expect(server.maxOpen).toBeLessThanOrEqual(RANGES.concurrency);
		expect(server.open).toBe(0);
	});

	it('keeps at most concurrency × part size waiting for a slow reader', async () => {
		const server = new Server(data);
		let read = 0;
		let mostWaiting = 0;
		await collect(download(server, data), async (chunk) => {
			await sleep(1);
			read += chunk.length;
			mostWaiting = Math.max(mostWaiting, server.served - read);
		});
		expect(mostWaiting).toBeGreaterThan(PART); // parts ahead were fetched early…
		expect(mostWaiting).toBeLessThanOrEqual(RANGES.concurrency * PART); // …but no more
	});

	it('resumes a broken part from its next byte, within that part', async () => {
		const server = new Server(data);
		let broken = false;
		const openRange = async (from: number, last: number) => {
			server.ranges.push([from, last]);
			if (from === 4 * PART && !broken) {
				broken = true;
				return server.body(from, last, 3000);
			}
			return server.body(from, last);
		};
		const out = await collect(
			download(server, data, { openRange, expectedHash: { algorithm: 'md5', value: md5(data) } }),
		);
		expect(out.equals(data)).toBe(true);
		expect(server.ranges).toContainEqual([4 * PART + 3000, 5 * PART - 1]);
	});

	it('fails the whole stream when a part keeps failing, and stops the other parts', async () => {
		const server = new Server(data, () => 1);
		let calls = 0;
		const openRange = async (from: number, last: number) => {
			server.ranges.push([from, last]);
			if (from === 2 * PART) {
				calls++;
				throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
			}
			return server.body(from, last);
		};
		await expect(collect(download(server, data, { openRange }))).rejects.toThrow(
			'Service Unavailable',
		);
		expect(calls).toBe(FAST.maxAttempts);
		await sleep(50);
		expect(server.open).toBe(0);
		expect(server.ranges.every(([from]) => from < (3 + RANGES.concurrency) * PART)).toBe(true);
	});

	it('fails with ObjectChanged, without retrying, when a part finds another version', async () => {
		const server = new Server(data);
		let calls = 0;
		const openRange = async (from: number, last: number) => {
			if (from === 3 * PART) {
				calls++;
				throw new ObjectChangedError('k');
			}
			return server.body(from, last);
		};
		await expect(collect(download(server, data, { openRange }))).rejects.toBeInstanceOf(
			ObjectChangedError,
		);
		expect(calls).toBe(1);
	});

	it('fails with HashMismatch when the parts do not add up to the stored hash', async () => {
		const server = new Server(data);
		await expect(
			collect(
				download(server, data, {
					expectedHash: { algorithm: 'md5', value: md5(data.subarray(1)) },
				}),
			),
		).rejects.toThrow(/MD5 of the bytes received/);
	});

	it('streams the first answer alone while its reader is the slower side', async () => {
		const server = new Server(data);
		const ranges = { concurrency: 3, partSize: PART }; // the default waiting share, 0.5
		const out = await collect(download(server, data, { ranges }), async () => {
			await sleep(3); // the body gives a chunk every timer turn (about 1 ms)
		});
		expect(out.equals(data)).toBe(true);
		expect(server.ranges).toEqual([]);
		expect(server.maxOpen).toBe(1);
	});

	it('turns parallel once its reader waits for the network most of the time', async () => {
		// 1 KiB every 2 ms: the reader, which takes nothing, waits nearly all the time (judged
		// over each part's worth of bytes: the whole download lasts less than the default second)
		const server = new Server(data, () => 2);
		const ranges = { concurrency: 3, partSize: PART, waitingWindowMs: 0 };
		const out = await collect(
			download(server, data, { ranges, expectedHash: { algorithm: 'md5', value: md5(data) } }),
		);
		expect(out.equals(data)).toBe(true);
		expect(server.ranges.length).toBeGreaterThan(0);
		// the first answer served up to where the split put its end; the parts follow on
		const [firstFrom] = server.ranges[0];
		expect(firstFrom).toBeGreaterThan(PART);
		server.ranges.forEach(([from, last], index) => {
			expect(last).toBe(Math.min(from + PART, data.length) - 1);
			if (index > 0) expect(from).toBe(server.ranges[index - 1][1] + 1);
		});
		expect(server.ranges[server.ranges.length - 1][1]).toBe(data.length - 1);
		expect(server.maxOpen).toBeLessThanOrEqual(ranges.concurrency);
		expect(server.open).toBe(0);
	});

	it('stays one stream when its reader waits only in bursts, as over loopback', async () => {
		// The reader takes 2 ms per KiB. The server sends 80 KiB at a KiB per timer turn (faster:
		// the bytes pile up ahead of the reader), then 20 KiB at one per 10 ms (slower: once the pile
		// is read, the reader waits). Judged over one part (10 KiB), a slow spell looks like a slow
		// link; judged over 400 ms, the reader waited a small share of the time.
		const bursty = randomBytes(30 * PART);
		const spells = () => {
			let chunks = 0;
			return () => (++chunks % 100 >= 80 ? 10 : 0);
		};
		const judged = async (waitingWindowMs: number) => {
			const server = new Server(bursty, spells());
			const ranges = { concurrency: 3, partSize: PART, waitingWindowMs };
			const out = await collect(download(server, bursty, { ranges }), async (chunk) => {
				await sleep(2 * Math.ceil(chunk.length / 1024));
			});
			expect(out.equals(bursty)).toBe(true);
			return server.ranges.length;
		};
		expect(await judged(400)).toBe(0);
		// the same download judged per part splits in the first slow spell
		expect(await judged(0)).toBeGreaterThan(0);
	});

	it('passes each byte once when the split starts every part left at once', async () => {
		const small = data.subarray(0, Math.floor(3.5 * PART));
		const server = new Server(small, () => 2);
		const ranges = { concurrency: 8, partSize: PART, waitingWindowMs: 0 };
		const out = await collect(
			download(server, small, { ranges, expectedHash: { algorithm: 'md5', value: md5(small) } }),
		);
		expect(out.length).toBe(small.length);
		expect(out.equals(small)).toBe(true);
		expect(server.ranges.length).toBeGreaterThan(0);
		expect(server.ranges[server.ranges.length - 1][1]).toBe(small.length - 1);
	});

	it('reads a small object, or one with ranges off, as one stream', async () => {
		const server = new Server(data);
		expect((await collect(download(server, data, { ranges: false }))).equals(data)).toBe(true);
		const small = data.subarray(0, 2 * PART - 1);
		expect((await collect(download(server, small))).equals(small)).toBe(true);
		expect(server.ranges).toEqual([]);
		expect(parallelRangesFor(2 * PART, RANGES)).toEqual({ ...RANGES, waitingWindowMs: 1000 });
		expect(parallelRangesFor(2 * PART, { concurrency: 1 })).toBeUndefined();
	});
});
