import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { S3Service } from '../../nodes/shared/storage/drivers/s3';
import { forwardRequest } from '../helpers/forward';
import { brokenAfter } from '../helpers/streams';

/** Connection details written by test/servers/swift/start.sh; a test that needs them fails without them. */
export interface SwiftServer {
	s3Endpoint: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
	swiftAuthUrl: string;
	swiftUser: string;
	swiftKey: string;
}

export function swiftServer(): SwiftServer {
	const file = path.resolve(__dirname, '../../.dev/servers/swift.json');
	if (!existsSync(file)) {
		throw new Error(
			`${file} is missing: start the Swift s3api server first (bash test/servers/swift/start.sh, or npm test)`,
		);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as SwiftServer;
}

/** The `cloudPackS3Api` credential data pointing at the local Swift s3api. */
export function swiftCredential(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	const server = swiftServer();
	return {
		provider: 'custom',
		authentication: 'accessKey',
		endpoint: server.s3Endpoint,
		region: server.region,
		forcePathStyle: true,
		accessKeyId: server.accessKeyId,
		secretAccessKey: server.secretAccessKey,
		...overrides,
	};
}

export async function swiftService(
	overrides: ICredentialDataDecryptedObject = {},
): Promise<S3Service> {
	return await S3Service.fromCredential(swiftCredential(overrides));
}

/** A bucket name unique to this run. */
export function uniqueBucket(label: string): string {
	return `${label}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`.toLowerCase();
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
export const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

export async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Deterministic pseudo-random bytes (fast; no need for crypto quality). */
export function bytes(size: number, seed = 1): Buffer {
	const buffer = Buffer.allocUnsafe(size);
	let x = seed * 2654435761;
	for (let i = 0; i < size; i += 4) {
		x = (x ^ (x << 13)) >>> 0;
		x = (x ^ (x >>> 17)) >>> 0;
		x = (x ^ (x << 5)) >>> 0;
		buffer.writeUInt32LE(x, Math.min(i, size - 4));
	}
	return buffer;
}

/** A stream that sends `size` bytes and then fails, like an input that breaks half-way. */
export function failingStream(
	size: number,
	error = new Error('the input broke half-way'),
): Readable {
	return brokenAfter(size, error, bytes(1024 * 1024, 3));
}

/** Empties and deletes the buckets a test made, whatever state they were left in. */
export async function removeBuckets(service: S3Service, names: string[]): Promise<void> {
	for (const name of names) {
		await service.deleteBucket(name, { force: true }).catch(() => undefined);
	}
}

/**
 * A small proxy in front of the Swift server: optionally TLS with a self-signed
 * certificate, optionally refusing one part of every multipart upload (a server-side
 * failure half-way). Headers pass unchanged, so SigV4 signatures still verify.
 */
export async function startProxy(
	target: string,
	options: { tls?: boolean; failPartNumber?: number } = {},
): Promise<{ url: string; close(): Promise<void>; failedParts: number }> {
	const http = await import('http');
	const https = await import('https');
	const { execFileSync } = await import('child_process');
	const { mkdtempSync, rmSync } = await import('fs');
	const os = await import('os');
	const targetUrl = new URL(target);
	const state = { failedParts: 0 };
	const handler = (req: import('http').IncomingMessage, res: import('http').ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://proxy');
		if (
			options.failPartNumber !== undefined &&
			req.method === 'PUT' &&
			url.searchParams.get('partNumber') === String(options.failPartNumber)
		) {
			state.failedParts++;
			req.resume();
			req.on('end', () => {
				res.writeHead(400, { 'content-type': 'application/xml' });
				res.end(
					'<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidPart</Code><Message>Refused by the test proxy</Message></Error>',
				);
			});
			return;
		}
		forwardRequest(targetUrl, req, res);
	};
	let server: import('http').Server;
	if (options.tls) {
		const dir = mkdtempSync(path.join(os.tmpdir(), 's3-tls-'));
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-keyout',
				`${dir}/key.pem`,
				'-out',
				`${dir}/cert.pem`,
			],
			{ stdio: 'ignore' },
		);
		server = https.createServer(
			{ key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) },
			handler,
		);
		rmSync(dir, { recursive: true, force: true });
	} else {
		server = http.createServer(handler);
	}
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as import('net').AddressInfo).port;
	return {
		url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		get failedParts() {
			return state.failedParts;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}
