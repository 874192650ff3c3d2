import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Readable } from 'stream';

import type { UploadBody } from '../../../nodes/shared/storage/driver';
import {
	PartPump,
	discardBody,
	isUploadFile,
	partReader,
	uploadStream,
	type Part,
} from '../../../nodes/shared/storage/parts';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const PART = 64 * 1024;

describe('PartPump', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'cloud-pack-parts-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** The same bytes as a file body and as a stream of odd-sized chunks. */
	function bodies(data: Buffer): Array<[string, () => UploadBody]> {
		const file = path.join(dir, `${md5(data)}-${data.length}.bin`);
		writeFileSync(file, data);
		const chunks: Buffer[] = [];
		for (let at = 0; at < data.length; at += 7919) chunks.push(data.subarray(at, at + 7919));
		return [
			['file', () => ({ path: file, size: data.length })],
			['stream', () => Readable.from(chunks)],
		];
	}

	/** Sends every part, copying the bytes out (a pooled view is only valid during send). */
	async function sendAll(body: UploadBody, concurrency: number, delayMs = 0) {
		const pump = new PartPump(partReader(body), { partSize: PART, concurrency, md5: true });
		const sent: Array<{ number: number; offset: number; bytes: Buffer }> = [];
		const buffers = new Set<ArrayBufferLike>();
		let inFlight = 0;
		let maxInFlight = 0;
		try {
			const first = await pump.first();
			const results = await pump.sendAll(async (part: Part) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				buffers.add(part.data.buffer);
				const bytes = Buffer.from(part.data);
				if (delayMs)
					await new Promise((resolve) => setTimeout(resolve, delayMs * (1 + (part.number % 3))));
				// The view must still hold the same bytes when the send finishes: nothing reused it early.
				expect(part.data.equals(bytes)).toBe(true);
				sent.push({ number: part.number, offset: part.offset, bytes });
				inFlight--;
				return `etag-${part.number}`;
			});
			return {
				first,
				results,
				sent: sent.sort((a, b) => a.number - b.number),
				maxInFlight,
				buffers,
				size: pump.size,
				md5: pump.md5,
			};
		} finally {
			await pump.close();
		}
	}

	for (const size of [0, 1, PART - 1, PART, PART + 1, 5 * PART + 123, 12 * PART]) {
		it(`sends ${size} bytes in order, parts of ${PART} bytes, from a file and from a stream`, async () => {
			const data = randomBytes(size);
			for (const [, body] of bodies(data)) {
				const outcome = await sendAll(body(), 3, 2);
				const expectedParts = Math.max(1, Math.ceil(size / PART));
				expect(outcome.sent).toHaveLength(expectedParts);
				expect(outcome.first.final).toBe(size < PART);
				expect(outcome.results).toEqual(outcome.sent.map((part) => `etag-${part.number}`));
				expect(Buffer.concat(outcome.sent.map((part) => part.bytes)).equals(data)).toBe(true);
				outcome.sent.forEach((part, index) => expect(part.offset).toBe(index * PART));
				expect(outcome.size).toBe(size);
				expect(outcome.md5).toBe(md5(data));
			}
		});
	}

	it('keeps at most `concurrency` parts in flight and reuses concurrency + 1 buffers', async () => {
		const data = randomBytes(40 * PART + 5);
		for (const [kind, body] of bodies(data)) {
			const outcome = await sendAll(body(), 4, 3);
			expect({ kind, inFlight: outcome.maxInFlight }).toEqual({ kind, inFlight: 4 });
			expect(outcome.buffers.size).toBeLessThanOrEqual(5);
			expect(Buffer.concat(outcome.sent.map((part) => part.bytes)).equals(data)).toBe(true);
		}
	});

	it('stops reading at the first failed part, waits for the parts in flight, and throws that failure', async () => {
		const data = randomBytes(30 * PART);
		for (const [, body] of bodies(data)) {
			const pump = new PartPump(partReader(body()), { partSize: PART, concurrency: 3 });
			const started: number[] = [];
			let settled = 0;
			await expect(
				pump.sendAll(async (part) => {
					started.push(part.number);
					await new Promise((resolve) => setTimeout(resolve, 5));
					settled++;
					if (part.number === 4) throw new Error('part 4 refused');
				}),
			).rejects.toThrow('part 4 refused');
			expect(settled).toBe(started.length);
			expect(Math.max(...started)).toBeLessThan(4 + 3);
			await pump.close();
		}
	});

	it('reports a failing input stream, after the parts already sent settle', async () => {
		let emitted = 0;
		const broken = new Readable({
			read() {
				emitted++;
				if (emitted > 3) this.destroy(new Error('the input broke half-way'));
				else this.push(randomBytes(PART));
			},
		});
		const pump = new PartPump(partReader(broken), { partSize: PART, concurrency: 2 });
		let sends = 0;
		await expect(
			pump.sendAll(async () => {
				sends++;
			}),
		).rejects.toThrow('the input broke half-way');
		expect(sends).toBeGreaterThan(0);
		await pump.close();
	});

	it('close() destroys an unread stream', async () => {
		const stream = Readable.from([randomBytes(10)]);
		const pump = new PartPump(partReader(stream), { partSize: PART, concurrency: 1 });
		await pump.close();
		expect(stream.destroyed).toBe(true);
	});

	it('tells file bodies from streams, and streams either', async () => {
		const data = randomBytes(1000);
		const [[, file], [, stream]] = bodies(data);
		expect(isUploadFile(file())).toBe(true);
		expect(isUploadFile(stream())).toBe(false);
		for (const body of [file(), stream()]) {
			const chunks: Buffer[] = [];
			for await (const chunk of uploadStream(body)) chunks.push(chunk as Buffer);
			expect(Buffer.concat(chunks).equals(data)).toBe(true);
		}
		const unread = stream() as Readable;
		discardBody(unread);
		expect(unread.destroyed).toBe(true);
	});

	it('reads a file from a given start (a resumed upload); a stream only from its start', async () => {
		const data = randomBytes(3 * PART + 17);
		const [[, file], [, stream]] = bodies(data);
		const start = PART + 5;
		const pump = new PartPump(partReader(file(), start), { partSize: PART, concurrency: 2 });
		const received: Buffer[] = [];
		await pump.sendAll(async (part) => {
			received[part.number - 1] = Buffer.from(part.data);
		});
		await pump.close();
		expect(pump.size).toBe(data.length - start);
		expect(Buffer.concat(received).equals(data.subarray(start))).toBe(true);
		expect(() => partReader(stream(), 1)).toThrow(/only be read from its start/);
	});
});
