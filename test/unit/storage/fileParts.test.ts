import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Readable } from 'stream';

import {
	PART_POOL_BUDGET,
	sendFileParts,
	streamsPartsFromFile,
	type FilePart,
} from '../../../nodes/shared/storage/fileParts';

const md5 = (data: Buffer) => createHash('md5').update(data);

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('sendFileParts', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'cloud-pack-file-parts-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	function fileOf(data: Buffer) {
		const file = path.join(dir, `${md5(data).digest('hex')}-${data.length}.bin`);
		writeFileSync(file, data);
		return { path: file, size: data.length };
	}

	it.each([
		['several parts and a short last one', 3 * 1024 * 1024 + 123, 1024 * 1024, 4],
		['exactly two parts', 2 * 64 * 1024, 64 * 1024, 2],
		['one part smaller than the part size', 1000, 64 * 1024, 1],
	])(
		'%s: every byte once, in order, each part with its MD5, the whole MD5',
		async (_name, size, partSize, count) => {
			const data = randomBytes(size);
			const seen: Array<{ number: number; offset: number; bytes: Buffer }> = [];
			const sent = await sendFileParts(
				fileOf(data),
				{ partSize, concurrency: 3, md5: true },
				async (part) => {
					const bytes = await readAll(part.open());
					expect(bytes.length).toBe(part.size);
					expect(part.md5.equals(md5(bytes).digest())).toBe(true);
					seen.push({ number: part.number, offset: part.offset, bytes });
					return `etag-${part.number}`;
				},
			);
			expect(sent.results).toEqual(Array.from({ length: count }, (_, i) => `etag-${i + 1}`));
			expect(sent.md5).toBe(md5(data).digest('hex'));
			seen.sort((a, b) => a.number - b.number);
			expect(seen.map((part) => part.offset)).toEqual(
				Array.from({ length: count }, (_, i) => i * partSize),
			);
			expect(Buffer.concat(seen.map((part) => part.bytes)).equals(data)).toBe(true);
		},
	);

	it('keeps at most `concurrency` parts in flight, and a retried part reads the same bytes again', async () => {
		const data = randomBytes(10 * 4096 + 5);
		let inFlight = 0;
		let most = 0;
		const sent = await sendFileParts(
			fileOf(data),
			{ partSize: 4096, concurrency: 3 },
			async (part) => {
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise((resolve) => setTimeout(resolve, 5 + (part.number % 3) * 5));
				const first = await readAll(part.open());
				const again = await readAll(part.open());
				inFlight--;
				expect(again.equals(first)).toBe(true);
				return part.number;
			},
		);
		expect(sent.results).toHaveLength(11);
		expect(sent.md5).toBeUndefined();
		expect(most).toBe(3);
	});

	it('closes the streams of a part once it settled, read or not', async () => {
		const data = randomBytes(3 * 4096);
		const opened: Readable[] = [];
		await sendFileParts(fileOf(data), { partSize: 4096, concurrency: 2 }, async (part) => {
			// a failed attempt leaves its stream half read
			const stream = part.open();
			opened.push(stream);
			await new Promise((resolve) => stream.once('readable', resolve));
			return part.number;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(opened).toHaveLength(3);
		expect(opened.every((stream) => stream.destroyed)).toBe(true);
	});

	it('stops taking parts after a failure, lets those in flight settle, and throws the failure', async () => {
		const data = randomBytes(20 * 4096);
		const started: number[] = [];
		const settled: number[] = [];
		const failure = sendFileParts(
			fileOf(data),
			{ partSize: 4096, concurrency: 2 },
			async (part: FilePart) => {
				started.push(part.number);
				await new Promise((resolve) => setTimeout(resolve, part.number === 3 ? 1 : 20));
				settled.push(part.number);
				if (part.number === 3) throw new Error('part 3 refused');
				return part.number;
			},
		);
		await expect(failure).rejects.toThrow('part 3 refused');
		expect(Math.max(...started)).toBeLessThanOrEqual(5);
		expect([...settled].sort((a, b) => a - b)).toEqual([...started].sort((a, b) => a - b));
	});

	it('fails clearly when the file holds fewer bytes than its stated size, sending nothing of the missing part', async () => {
		const data = randomBytes(5000);
		const file = { ...fileOf(data), size: 9000 };
		const sent: number[] = [];
		await expect(
			sendFileParts(file, { partSize: 4096, concurrency: 2 }, async (part) => {
				sent.push(part.number);
				return part.number;
			}),
		).rejects.toThrow('The file to upload ended at byte 5000, before its 9000 bytes');
		expect(sent).toEqual([1]);
	});

	it('has no parts for an empty file', async () => {
		const sent = await sendFileParts(
			fileOf(Buffer.alloc(0)),
			{ partSize: 4096, concurrency: 2, md5: true },
			async () => 'never',
		);
		expect(sent).toEqual({ results: [], md5: md5(Buffer.alloc(0)).digest('hex') });
	});

	it('streams the parts of a file only when a pool of them would exceed its budget', () => {
		const MiB = 1024 * 1024;
		const file = { path: '/unused', size: 1024 * MiB };
		expect(PART_POOL_BUDGET).toBe(32 * MiB);
		// the loopback default: 4 parts of 5 MiB, a pool of 25 MiB
		expect(streamsPartsFromFile(file, 5 * MiB, 4)).toBe(false);
		// a long link: 24 parts of 8 MiB
		expect(streamsPartsFromFile(file, 8 * MiB, 24)).toBe(true);
		expect(streamsPartsFromFile(file, 8 * MiB, 3)).toBe(false);
		expect(streamsPartsFromFile(file, 8 * MiB, 4)).toBe(true);
		// one part: a single PUT, whatever the concurrency
		expect(streamsPartsFromFile({ path: '/unused', size: 5 * MiB }, 5 * MiB, 24)).toBe(false);
	});
});
