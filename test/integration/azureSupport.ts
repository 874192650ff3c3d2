import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { Readable } from 'stream';

import {
	createAzureConnection,
	type AzureBlobCredentialData,
	type AzureConnection,
} from '../../nodes/shared/storage/drivers/azure/client';
import type { RetryPolicy } from '../../nodes/shared/transport/retryPolicy';

/** Connection details written by test/servers/azurite/start.sh; a test that needs them fails without them. */
export interface AzuriteServer {
	blobEndpoint: string;
	accountName: string;
	accountKey: string;
	connectionString: string;
}

export function azuriteServer(): AzuriteServer {
	const file = path.resolve(__dirname, '../../.dev/servers/azurite.json');
	if (!existsSync(file)) {
		throw new Error(
			`${file} is missing: start Azurite first (bash test/servers/azurite/start.sh, or npm test)`,
		);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as AzuriteServer;
}

/** The cloudPackAzureBlobApi credential data for Azurite, account name + key + custom endpoint. */
export function azuriteCredential(
	overrides: AzureBlobCredentialData = {},
): AzureBlobCredentialData {
	const server = azuriteServer();
	return {
		authentication: 'sharedKey',
		accountName: server.accountName,
		accountKey: server.accountKey,
		blobEndpoint: server.blobEndpoint,
		...overrides,
	};
}

/** Fast-failing retries for tests that provoke errors on purpose. */
export const QUICK_POLICY: RetryPolicy = {
	maxAttempts: 1,
	baseDelayMs: 10,
	maxDelayMs: 10,
	maxTotalMs: 5000,
	connectTimeoutMs: 5000,
	idleTimeoutMs: 5000,
};

export async function azurite(
	overrides: AzureBlobCredentialData = {},
	policy?: RetryPolicy,
): Promise<AzureConnection> {
	return await createAzureConnection(azuriteCredential(overrides), policy);
}

/** A container name unique to this run (Azure: 3-63 lowercase letters, digits, single hyphens). */
export function uniqueContainer(label: string): string {
	return `${label}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`
		.toLowerCase()
		.slice(0, 63);
}

export const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

export async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Deterministic pseudo-random bytes. */
export function bytes(size: number, seed = 1): Buffer {
	const buffer = Buffer.alloc(size);
	let x = seed >>> 0 || 1;
	for (let i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		buffer[i] = x & 0xff;
	}
	return buffer;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}
