import * as http from 'http';
import type { AddressInfo } from 'net';
import { Readable } from 'stream';

import type { AzureConnection } from '../../nodes/shared/storage/drivers/azure/client';
import { AzureStorageDriver } from '../../nodes/shared/storage/drivers/azure/driver';
import { AzureServiceError } from '../../nodes/shared/storage/drivers/azure/errors';
import {
	AuthError,
	ObjectNotFoundError,
	RateLimitedError,
} from '../../nodes/shared/storage/errors';
import type { RetryPolicy } from '../../nodes/shared/transport/retryPolicy';
import { forwardRequest } from '../helpers/forward';
import {
	azurite,
	azuriteServer,
	bytes,
	md5,
	readAll,
	uniqueContainer,
	rejection,
} from './azureSupport';

jest.setTimeout(120_000);

/**
 * The pack's retry policy replaces the Azure SDK's (which ignores 429/502/504 and Retry-After).
 * A proxy in front of Azurite answers chosen requests with those statuses, then lets them through,
 * and counts what reaches it: each attempt of the SDK is one request seen here.
 */

type Fault = { status: number; code: string; retryAfter?: string } | 'reset';

interface Seen {
	method: string;
	path: string;
	query: URLSearchParams;
	answer: number | 'reset' | 'passed';
}

type Match = (request: Seen) => boolean;

class FaultProxy {
	seen: Seen[] = [];
	private rules: Array<{ match: Match; faults: Fault[] }> = [];

	private constructor(
		private readonly server: http.Server,
		readonly url: string,
	) {}

	static async start(target: string): Promise<FaultProxy> {
		const targetUrl = new URL(target);
		const holder: { proxy?: FaultProxy } = {};
		const server = http.createServer((req, res) => holder.proxy!.handle(targetUrl, req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		holder.proxy = new FaultProxy(server, `http://127.0.0.1:${port}`);
		return holder.proxy;
	}

	/** The next requests that `match` get these answers, one each, in order. */
	fail(match: Match, faults: Fault[]): void {
		this.rules.push({ match, faults: [...faults] });
	}

	clear(): void {
		this.seen = [];
		this.rules = [];
	}

	count(match: Match): number {
		return this.seen.filter(match).length;
	}

	private handle(target: URL, req: http.IncomingMessage, res: http.ServerResponse): void {
		const url = new URL(req.url ?? '/', 'http://proxy');
		const seen: Seen = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			answer: 'passed',
		};
		this.seen.push(seen);
		const fault = this.rules
			.find((rule) => rule.faults.length > 0 && rule.match(seen))
			?.faults.shift();
		if (fault === 'reset') {
			seen.answer = 'reset';
			req.socket.destroy();
			return;
		}
		if (fault) {
			seen.answer = fault.status;
			req.resume();
			req.on('end', () => {
				// Shaped like Azure's own error answers, so the SDK reads the code as it would from Azure.
				const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${fault.code}</Code><Message>Injected by the test proxy</Message></Error>`;
				res.writeHead(fault.status, {
					'content-type': 'application/xml',
					'x-ms-error-code': fault.code,
					...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
				});
				res.end(req.method === 'HEAD' ? undefined : body);
			});
			return;
		}
		forwardRequest(target, req, res);
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.closeAllConnections();
			this.server.close(() => resolve());
		});
	}
}

const TOO_MANY: Fault = { status: 429, code: 'TooManyRequests', retryAfter: '1' };
const BAD_GATEWAY: Fault = { status: 502, code: 'BadGateway' };
const BUSY: Fault = { status: 503, code: 'ServerBusy' };
const GATEWAY_TIMEOUT: Fault = { status: 504, code: 'GatewayTimeout' };

/** Short backoff, but a maxDelayMs above 1 s so that `Retry-After: 1` is honoured in full. */
const POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 20,
	maxDelayMs: 2000,
	maxTotalMs: 20_000,
	connectTimeoutMs: 5000,
	idleTimeoutMs: 5000,
};

/** The data of an upload: one Put Blob, or Put Block when the driver stages blocks (not the commit). */
const isUploadData =
	(name: string): Match =>
	(r) =>
		r.method === 'PUT' &&
		r.path.endsWith(`/${name}`) &&
		(!r.query.has('comp') || r.query.get('comp') === 'block');
const isList: Match = (r) => r.method === 'GET' && r.query.get('comp') === 'list';
const isBlobRequest =
	(method: string, name: string): Match =>
	(r) =>
		r.method === method && r.path.endsWith(`/${name}`) && !r.query.has('comp');

describe('Azure Blob retries by the pack retry policy (fault-injecting proxy in front of Azurite)', () => {
	let proxy: FaultProxy;
	let direct: AzureConnection;
	let viaProxy: AzureConnection;
	let driver: AzureStorageDriver;
	const container = uniqueContainer('retry');
	const data = bytes(64 * 1024, 7);

	beforeAll(async () => {
		const server = azuriteServer();
		proxy = await FaultProxy.start(server.blobEndpoint);
		direct = await azurite();
		// Azurite addresses the account in the path: keep it after the proxy's origin.
		viaProxy = await azurite(
			{ blobEndpoint: `${proxy.url}${new URL(server.blobEndpoint).pathname}` },
			POLICY,
		);
		driver = new AzureStorageDriver(viaProxy);
		await direct.service.getContainerClient(container).create();
	});

	beforeEach(() => proxy.clear());

	afterAll(async () => {
		await direct?.service.getContainerClient(container).deleteIfExists();
		await proxy?.close();
	});

	it('installs its policy in the Retry phase, shared by derived container and blob clients', () => {
		const pipelineOf = (client: object) =>
			(
				client as {
					storageClientContext: { pipeline: { getOrderedPolicies(): Array<{ name: string }> } };
				}
			).storageClientContext.pipeline;
		const servicePipeline = pipelineOf(viaProxy.service);
		const names = servicePipeline.getOrderedPolicies().map((policy) => policy.name);
		expect(names.filter((name) => name === 'cloudPackRetryPolicy')).toHaveLength(1);
		expect(names).not.toContain('storageRetryPolicy');
		const containerClient = viaProxy.service.getContainerClient(container);
		expect(pipelineOf(containerClient)).toBe(servicePipeline);
		expect(pipelineOf(containerClient.getBlockBlobClient('x'))).toBe(servicePipeline);
	});

	it('uploads through 429 (Retry-After: 1), 502, 503 and 504, waiting the Retry-After', async () => {
		proxy.fail(isUploadData('up.bin'), [TOO_MANY, BAD_GATEWAY, BUSY, GATEWAY_TIMEOUT]);
		const startedAt = Date.now();
		const info = await driver.upload(container, 'up.bin', Readable.from([data]), {
			size: data.length,
		});
		const elapsed = Date.now() - startedAt;

		expect(proxy.seen.filter(isUploadData('up.bin')).map((r) => r.answer)).toEqual([
			429,
			502,
			503,
			504,
			'passed',
		]);
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(info).toMatchObject({ key: 'up.bin', size: data.length, md5: md5(data) });
		const stored = await direct.service
			.getContainerClient(container)
			.getBlobClient('up.bin')
			.downloadToBuffer();
		expect(md5(stored)).toBe(md5(data));
	});

	it('downloads and lists through transient faults and a reset connection', async () => {
		await direct.service
			.getContainerClient(container)
			.getBlockBlobClient('down.bin')
			.uploadData(data);
		proxy.fail(isBlobRequest('GET', 'down.bin'), [BUSY, 'reset', GATEWAY_TIMEOUT]);
		proxy.fail(isList, [BAD_GATEWAY, { ...TOO_MANY, retryAfter: '0' }]);

		const { stream } = await driver.download(container, 'down.bin');
		expect(md5(await readAll(stream))).toBe(md5(data));
		expect(proxy.seen.filter(isBlobRequest('GET', 'down.bin')).map((r) => r.answer)).toEqual([
			503,
			'reset',
			504,
			'passed',
		]);

		const page = await driver.listObjects(container, { prefix: 'down' });
		expect(page.objects.map((object) => object.key)).toEqual(['down.bin']);
		expect(proxy.count(isList)).toBe(3);
	});

	it('does not retry statuses outside 429/502/503/504', async () => {
		const missing = await rejection(driver.headObject(container, 'missing.bin'));
		expect(missing).toBeInstanceOf(ObjectNotFoundError);
		expect(proxy.count(isBlobRequest('HEAD', 'missing.bin'))).toBe(1);

		proxy.fail(isList, [{ status: 403, code: 'AuthorizationFailure' }]);
		const refused = await rejection(driver.listObjects(container, {}));
		expect(refused).toBeInstanceOf(AuthError);
		expect(proxy.count(isList)).toBe(1);
	});

	it("stops at the policy's maxAttempts and maps the last answer", async () => {
		proxy.fail(isBlobRequest('HEAD', 'up.bin'), Array(8).fill(BUSY));
		const busy = await rejection(driver.headObject(container, 'up.bin'));
		expect(busy).toBeInstanceOf(RateLimitedError);
		expect(proxy.count(isBlobRequest('HEAD', 'up.bin'))).toBe(POLICY.maxAttempts);

		proxy.clear();
		proxy.fail(isList, Array(8).fill(BAD_GATEWAY));
		const gateway = await rejection(driver.listObjects(container, {}));
		expect(gateway).toBeInstanceOf(AzureServiceError);
		expect(gateway).toMatchObject({ status: 502 });
		expect(proxy.count(isList)).toBe(POLICY.maxAttempts);
	});

	it('gives up at once when Retry-After points beyond the time budget', async () => {
		proxy.fail(isList, [{ ...TOO_MANY, retryAfter: '3600' }]);
		const startedAt = Date.now();
		const error = await rejection(driver.listObjects(container, {}));
		expect(error).toBeInstanceOf(RateLimitedError);
		expect(error.message).toMatch(/busy/);
		expect(Date.now() - startedAt).toBeLessThan(900);
		expect(proxy.count(isList)).toBe(1);
	});

	it('resends in-memory bodies but never a plain stream body, which the first attempt consumed', async () => {
		const blob = viaProxy.service.getContainerClient(container).getBlockBlobClient('single.bin');
		proxy.fail(isBlobRequest('PUT', 'single.bin'), [BUSY]);
		await blob.upload(data, data.length);
		expect(proxy.count(isBlobRequest('PUT', 'single.bin'))).toBe(2);

		proxy.clear();
		proxy.fail(isBlobRequest('PUT', 'single.bin'), [BUSY]);
		// A stream factory: the HTTP client calls it again for a fresh stream on the resend.
		await blob.upload(() => Readable.from([data]), data.length);
		expect(proxy.count(isBlobRequest('PUT', 'single.bin'))).toBe(2);

		proxy.clear();
		proxy.fail(isBlobRequest('PUT', 'single.bin'), [BUSY]);
		const streamed = await rejection(blob.upload(Readable.from([data]), data.length));
		expect(streamed).toMatchObject({ statusCode: 503 });
		expect(proxy.count(isBlobRequest('PUT', 'single.bin'))).toBe(1);
	});

	it('stops waiting when the caller aborts during a Retry-After', async () => {
		proxy.fail(isBlobRequest('HEAD', 'up.bin'), [{ ...TOO_MANY, retryAfter: '2' }]);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 200);
		const startedAt = Date.now();
		const error = await rejection(
			viaProxy.service
				.getContainerClient(container)
				.getBlobClient('up.bin')
				.getProperties({ abortSignal: controller.signal }),
		);
		expect(error.name).toBe('AbortError');
		expect(Date.now() - startedAt).toBeLessThan(1500);
		expect(proxy.count(isBlobRequest('HEAD', 'up.bin'))).toBe(1);
	});
});
