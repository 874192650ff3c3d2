import { createHash, randomBytes } from 'crypto';
import { Readable } from 'stream';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import {
	ObjectChangedError,
	hashCheckOutput,
	rangeOfObject,
	resumableDownload,
	type ResumableDownload,
} from '../../../nodes/shared/storage/download';
import { crc32c, crc32cBase64 } from '../../../nodes/shared/storage/drivers/gcs/crc32c';

const FAST = { baseDelayMs: 1, maxDelayMs: 5, idleTimeoutMs: 200, maxAttempts: 5 };

function md5(data: Buffer) {
	return createHash('md5').update(data).digest('hex');
}

/** `data` from `from`, in 1 KiB chunks, that breaks (ECONNRESET) after `breakAfter` bytes. */
function body(data: Buffer, from: number, breakAfter = Infinity): Readable {
	let at = from;
	let sent = 0;
	return new Readable({
		read() {
			if (sent >= breakAfter) {
				this.destroy(Object.assign(new Error('socket reset'), { code: 'ECONNRESET' }));
				return;
			}
			if (at >= data.length) {
				this.push(null);
				return;
			}
			const size = Math.min(1024, data.length - at, breakAfter - sent);
			this.push(data.subarray(at, at + size));
			at += size;
			sent += size;
		},
	});
}

/**
 * `data` from `from` in chunks of `size` as an SDK delivers them (each passed on as it is, unlike
 * `body`'s), breaking (ECONNRESET) after `breakAfter` bytes.
 */
function* chunksOf(data: Buffer, from: number, breakAfter: number, size = 4096) {
	for (let at = from; at < data.length; at += size) {
		if (at - from >= breakAfter)
			throw Object.assign(new Error('socket reset'), { code: 'ECONNRESET' });
		yield data.subarray(at, at + size);
	}
}

/** A body that passes `size` bytes of `data` from `from`, then sends nothing more. */
function stalling(data: Buffer, from: number, size: number): Readable {
	let pushed = false;
	return new Readable({
		read() {
			if (!pushed) this.push(data.subarray(from, from + size));
			pushed = true;
		},
	});
}

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function download(data: Buffer, overrides: Partial<ResumableDownload>): Readable {
	return resumableDownload({
		key: 'k',
		body: body(data, 0),
		start: 0,
		length: data.length,
		reopen: async (from) => body(data, from),
		policy: FAST,
		...overrides,
	});
}

describe('resumableDownload', () => {
	const data = randomBytes(100_000);

	it('passes the bytes through and checks the MD5', async () => {
		const out = await collect(
			download(data, { expectedHash: { algorithm: 'md5', value: md5(data) } }),
		);
		expect(out.equals(data)).toBe(true);
	});

	it('resumes a broken body from the next byte not yet passed on', async () => {
		const asked: number[] = [];
		const out = await collect(
			download(data, {
				body: body(data, 0, 30_000),
				reopen: async (from) => {
					asked.push(from);
					return body(data, from, asked.length === 1 ? 20_000 : Infinity);
				},
				expectedHash: { algorithm: 'md5', value: md5(data) },
			}),
		);
		// a destroyed body drops what it had buffered: resumed from what was really passed on
		expect(asked).toHaveLength(2);
		expect(asked[0]).toBeGreaterThan(0);
		expect(asked[0]).toBeLessThanOrEqual(30_000);
		expect(asked[1]).toBeGreaterThan(asked[0]);
		expect(out.equals(data)).toBe(true);
	});

	it('resumes a body that stalls past the idle timeout', async () => {
		const asked: number[] = [];
		const out = await collect(
			download(data, {
				body: stalling(data, 0, 4096),
				reopen: async (from) => {
					asked.push(from);
					return body(data, from);
				},
			}),
		);
		expect(asked).toEqual([4096]);
		expect(out.equals(data)).toBe(true);
	});

	it('resumes a body that ends before its length', async () => {
		const out = await collect(
			download(data, {
				body: Readable.from([data.subarray(0, 5000)]),
			}),
		);
		expect(out.equals(data)).toBe(true);
	});

	it('fails with the object-changed error and never splices a new version', async () => {
		const stream = download(data, {
			body: body(data, 0, 10_000),
			reopen: async () => {
				throw new ObjectChangedError('k');
			},
		});
		await expect(collect(stream)).rejects.toThrow(/changed while it was being downloaded/);
	});

	it('gives up after the policy attempts without progress', async () => {
		let asked = 0;
		const stream = download(data, {
			body: body(data, 0, 1000),
			reopen: async (from) => {
				asked++;
				return body(data, from, 0);
			},
		});
		await expect(collect(stream)).rejects.toThrow(/socket reset/);
		expect(asked).toBe(FAST.maxAttempts - 1);
	});

	it('retries a ranged request answered 503 with Retry-After', async () => {
		let asked = 0;
		const out = await collect(
			download(data, {
				body: body(data, 0, 1000),
				reopen: async (from) => {
					asked++;
					if (asked === 1)
						throw Object.assign(new Error('busy'), {
							statusCode: 503,
							headers: { 'retry-after': '0' },
						});
					return body(data, from);
				},
			}),
		);
		expect(asked).toBe(2);
		expect(out.equals(data)).toBe(true);
	});

	it('keeps resuming while every attempt makes progress', async () => {
		let asked = 0;
		const out = await collect(
			download(data, {
				body: body(data, 0, 9000),
				reopen: async (from) => {
					asked++;
					return body(data, from, 9000);
				},
			}),
		);
		expect(asked).toBeGreaterThan(FAST.maxAttempts);
		expect(out.equals(data)).toBe(true);
	});

	it('does not count the time the consumer takes as a stalled body', async () => {
		let asked = 0;
		const stream = download(data, {
			reopen: async (from) => {
				asked++;
				return body(data, from);
			},
		});
		const chunks: Buffer[] = [];
		for await (const chunk of stream) {
			chunks.push(chunk as Buffer);
			if (chunks.length === 2) await new Promise((resolve) => setTimeout(resolve, 400));
		}
		expect(asked).toBe(0);
		expect(Buffer.concat(chunks).equals(data)).toBe(true);
	});

	it('passes each chunk on as it came, without copying it', async () => {
		const out: Buffer[] = [];
		for await (const chunk of download(data, { body: Readable.from([data]) }))
			out.push(chunk as Buffer);
		expect(out).toHaveLength(1);
		expect(out[0].buffer).toBe(data.buffer);
	});

	it('keeps the chunk it held back across a resume, and withholds the last one from a bad hash', async () => {
		const asked: number[] = [];
		const out = await collect(
			download(data, {
				body: body(data, 0, 30_000),
				reopen: async (from) => {
					asked.push(from);
					return body(data, from);
				},
				expectedHash: { algorithm: 'md5', value: md5(data) },
			}),
		);
		expect(asked).toHaveLength(1);
		expect(out.equals(data)).toBe(true);
		const passedOn: Buffer[] = [];
		const damaged = Buffer.from(data);
		damaged[99_999] ^= 1;
		const stream = download(damaged, {
			body: Readable.from(chunksOf(damaged, 0, Infinity)),
			expectedHash: { algorithm: 'md5', value: md5(data) },
		});
		await expect(
			(async () => {
				for await (const chunk of stream) passedOn.push(chunk as Buffer);
			})(),
		).rejects.toMatchObject({ code: 'HashMismatch' });
		expect(Buffer.concat(passedOn).length).toBe(data.length - (data.length % 4096));
	});

	it('keeps no chunk of the body reachable once it was passed on', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const sent: Array<WeakRef<Buffer>> = [];
		let at = 0;
		const fresh = new Readable({
			objectMode: true, // each chunk passed on as it was pushed
			read() {
				if (at >= data.length) return void this.push(null);
				const chunk = Buffer.from(data.subarray(at, at + 1000)); // a buffer of its own
				sent.push(new WeakRef(chunk));
				at += chunk.length;
				this.push(chunk);
			},
		});
		let alive = -1;
		let count = 0;
		for await (const chunk of download(data, { body: fresh })) {
			expect((chunk as Buffer).length).toBeLessThanOrEqual(1000);
			if (++count === 80) {
				gc();
				alive = sent.slice(0, 50).filter((ref) => ref.deref() !== undefined).length;
			}
		}
		expect(alive).toBe(0);
	});

	it('fails with HashMismatch when a byte was damaged', async () => {
		const damaged = Buffer.from(data);
		damaged[77_777] ^= 0xff;
		const stream = download(damaged, { expectedHash: { algorithm: 'md5', value: md5(data) } });
		await expect(collect(stream)).rejects.toMatchObject({ code: 'HashMismatch' });
	});

	it('checks a CRC32C as Google writes it', async () => {
		const good = { algorithm: 'crc32c' as const, value: crc32cBase64(crc32c(0, data)) };
		expect((await collect(download(data, { expectedHash: good }))).equals(data)).toBe(true);
		const damaged = Buffer.from(data);
		damaged[5] ^= 1;
		await expect(collect(download(damaged, { expectedHash: good }))).rejects.toMatchObject({
			code: 'HashMismatch',
		});
	});

	it("passes the SDKs' 64 KiB chunks on uncopied across a resume, and checks them", async () => {
		const big = randomBytes(3 * 1024 * 1024 + 17);
		const chunks: Buffer[] = [];
		const stream = download(big, {
			body: Readable.from(chunksOf(big, 0, 1024 * 1024, 64 * 1024)),
			reopen: async (from) => Readable.from(chunksOf(big, from, Infinity, 64 * 1024)),
			expectedHash: { algorithm: 'md5', value: md5(big) },
		});
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		expect(Math.max(...chunks.map((chunk) => chunk.length))).toBe(64 * 1024);
		expect(chunks.every((chunk) => chunk.buffer === big.buffer)).toBe(true);
		expect(Buffer.concat(chunks).equals(big)).toBe(true);
	});

	it('says why a hash was not checked', () => {
		const md5 = { algorithm: 'md5' as const, value: 'x' };
		expect(hashCheckOutput(md5, undefined, {})).toEqual({ hashChecked: 'md5' });
		expect(hashCheckOutput(undefined, undefined, { verifyHash: false })).toEqual({
			hashNotChecked: '"Verify Hash" is off',
		});
		expect(hashCheckOutput(undefined, { start: 1 }, {})).toEqual({
			hashNotChecked: 'a byte range has no stored hash',
		});
		expect(hashCheckOutput(undefined, undefined, {}, 'none here')).toEqual({
			hashNotChecked: 'none here',
		});
	});

	it('refuses a range outside the object and describes one inside it', () => {
		expect(rangeOfObject({ size: 10 }, undefined)).toEqual({
			start: 0,
			last: 9,
			info: { size: 10 },
		});
		expect(rangeOfObject({ size: 10 }, { start: 2, end: 50 })).toEqual({
			start: 2,
			last: 9,
			info: { size: 8, range: 'bytes 2-9/10' },
		});
		expect(rangeOfObject({ size: 0 }, { start: 0 }).last).toBe(-1);
		expect(() => rangeOfObject({ size: 10 }, { start: 10 })).toThrow(/outside the object/);
	});
});
