/**
 * The resumable sender's edges that the GCS fake does not reach: a server that answers before
 * it has read the body, Retry-After on a refused chunk, and the hashes it reports, checked
 * against the SDK's own CRC32C.
 */
import { CRC32C } from '@google-cloud/storage';
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';

import {
	ResumableHttpError,
	sendResumable,
} from '../../../nodes/shared/storage/drivers/gcs/resumable';
import { resolveRetryPolicy } from '../../../nodes/shared/transport/retryPolicy';

type Handler = (req: IncomingMessage, res: ServerResponse, body: () => Promise<Buffer>) => void;

let server: Server;
let url: string;
let handler: Handler;
const seen: Array<{ range?: string; hash?: string; at: number }> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push({
			range: req.headers['content-range'] as string | undefined,
			hash: req.headers['x-goog-hash'] as string | undefined,
			at: Date.now(),
		});
		const body = async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks);
		};
		handler(req, res, body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload?upload_id=x`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	seen.length = 0;
});

const policy = resolveRetryPolicy({
	maxAttempts: 3,
	baseDelayMs: 10,
	maxDelayMs: 5_000,
	maxTotalMs: 10_000,
	idleTimeoutMs: 5_000,
});

function sdkCrc32c(data: Buffer): string {
	const crc = new CRC32C();
	crc.update(data);
	return crc.toString();
}

it('stops sending when the server refuses before reading the body, and reports its error', async () => {
	handler = (_req, res) => {
		res.writeHead(400, { 'Content-Type': 'application/json', Connection: 'close' });
		res.end(
			JSON.stringify({
				error: {
					code: 400,
					message: 'Metadata part is too large.',
					errors: [{ reason: 'invalid' }],
				},
			}),
		);
	};
	const data = randomBytes(32 * 1024 * 1024);
	const error = await sendResumable(url, Readable.from([data]), {
		size: data.length,
		policy,
	}).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(ResumableHttpError);
	expect(error).toMatchObject({ code: 400, message: 'Metadata part is too large.' });
	expect(seen).toHaveLength(1); // a 400 is not retried
});

it('waits as Retry-After says before asking what a refused chunk left, then finishes with the hashes of every byte once', async () => {
	const data = randomBytes(3 * 256 * 1024 + 99);
	let held = 0;
	let refused = false;
	handler = (req, res, body) => {
		void body().then((bytes) => {
			const range = String(req.headers['content-range']);
			if (range.startsWith('bytes */')) {
				res.writeHead(308, held ? { Range: `bytes=0-${held - 1}` } : {});
			} else if (!refused && range.startsWith('bytes 262144-')) {
				refused = true;
				res.writeHead(429, { 'Retry-After': '1' });
			} else {
				held += bytes.length;
				if (!/\/\*$/.test(range)) {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ name: 'o', size: String(held) }));
					return;
				}
				res.writeHead(308, { Range: `bytes=0-${held - 1}` });
			}
			res.end();
		});
	};
	const result = await sendResumable(url, Readable.from([data]), {
		chunkSize: 256 * 1024,
		md5: true,
		policy,
	});
	expect(result).toMatchObject({
		size: data.length,
		resource: { name: 'o', size: String(data.length) },
	});
	expect(result.crc32c).toBe(sdkCrc32c(data));
	expect(result.md5).toBe(createHash('md5').update(data).digest('hex'));
	const refusedAt = seen.findIndex((r) => r.range?.startsWith('bytes 262144-'));
	expect(seen[refusedAt + 1].range).toBe('bytes */*');
	expect(seen[refusedAt + 1].at - seen[refusedAt].at).toBeGreaterThanOrEqual(950);
	// the last chunk carries the hashes of the whole object
	expect(seen[seen.length - 1]).toMatchObject({
		range: `bytes 786432-${data.length - 1}/${data.length}`,
		hash: `crc32c=${sdkCrc32c(data)},md5=${createHash('md5').update(data).digest('base64')}`,
	});
});

it('gives up after the policy attempts on a server that keeps failing', async () => {
	handler = (_req, res, body) => {
		void body().then(() => {
			res.writeHead(503);
			res.end();
		});
	};
	const data = randomBytes(1000);
	const error = await sendResumable(url, Readable.from([data]), {
		chunkSize: 256 * 1024,
		policy,
	}).catch((e: unknown) => e);
	expect(error).toMatchObject({ code: 503 });
	// three attempts (chunk, then status queries that fail too)
	expect(seen.length).toBe(3);
});

it('counts the retry budget from the first failure, so an upload that breaks late is still resumed', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'resumable-'));
	try {
		const data = randomBytes(4 * 1024 * 1024);
		const file = join(dir, 'slow.bin');
		writeFileSync(file, data);
		let puts = 0;
		const received: Buffer[] = [];
		handler = (req, res, body) => {
			const range = String(req.headers['content-range']);
			if (range.startsWith('bytes */')) {
				void body().then(() => {
					res.writeHead(308);
					res.end();
				});
				return;
			}
			puts++;
			if (puts === 1) {
				// a long transfer (longer than the whole retry budget) that then breaks
				setTimeout(() => req.socket.destroy(), 400);
				return;
			}
			void body().then((bytes) => {
				received.push(bytes);
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ name: 'slow.bin', size: String(bytes.length) }));
			});
		};
		const tight = resolveRetryPolicy({
			maxAttempts: 3,
			baseDelayMs: 10,
			maxDelayMs: 50,
			maxTotalMs: 300,
			idleTimeoutMs: 5_000,
		});
		const result = await sendResumable(
			url,
			{ path: file, size: data.length },
			{ size: data.length, policy: tight },
		);
		expect(result.size).toBe(data.length);
		expect(Buffer.concat(received).equals(data)).toBe(true);
		expect(seen.map((r) => r.range)).toEqual([
			`bytes 0-*/${data.length}`,
			`bytes */${data.length}`,
			`bytes 0-*/${data.length}`,
		]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
