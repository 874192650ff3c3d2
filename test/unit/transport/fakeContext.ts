import axios from 'axios';
import type { AxiosRequestConfig } from 'axios';
import { Agent, createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

export const FAKE_NODE: INode = {
	id: 'node-1',
	name: 'Cloud Test',
	type: 'n8n-nodes-cloud-pack.cloudTest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * 'n8n': like n8n-core 2.x, failures are wrapped in `new NodeApiError(node, axiosError)`.
 * 'axios': the raw AxiosError escapes (shape seen from some helper paths and older versions).
 */
export type ErrorShape = 'n8n' | 'axios';

export interface FakeContextOptions {
	credentials?: Record<string, unknown>;
	errorShape?: ErrorShape;
	/** Thrown instead of sending anything (e.g. a missing-credential error). */
	failBeforeRequest?: Error;
}

export interface FakeContext {
	ctx: IExecuteFunctions;
	/** The options each helper call received, in order. */
	calls: IHttpRequestOptions[];
}

// No keep-alive: a socket the server destroyed must not be picked up again by the next attempt.
const NO_KEEP_ALIVE = new Agent({ keepAlive: false });

/** Mimics n8n-core's httpRequest: IHttpRequestOptions -> axios config. */
function toAxiosConfig(options: IHttpRequestOptions): AxiosRequestConfig {
	const headers: Record<string, unknown> = { 'User-Agent': 'n8n', ...(options.headers ?? {}) };
	if (options.json && !Object.keys(headers).some((name) => name.toLowerCase() === 'accept')) {
		headers.Accept = 'application/json';
	}
	const method = (options.method ?? 'GET').toUpperCase();
	const config: AxiosRequestConfig = {
		url: options.url,
		baseURL: options.baseURL,
		method,
		headers: headers as AxiosRequestConfig['headers'],
		params: options.qs,
		data: method === 'GET' ? undefined : options.body,
		timeout: options.timeout,
		auth: options.auth,
		responseType: options.encoding,
		signal: options.abortSignal,
		maxRedirects: options.disableFollowRedirect ? 0 : undefined,
		httpAgent: NO_KEEP_ALIVE,
	};
	// axios treats an explicit `validateStatus: undefined` as "accept every status"
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	return config;
}

/** What n8n's `httpRequest` does with the options: axios, and n8n's full-response shape. */
export async function sendLikeN8n(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request(toAxiosConfig(options));
	if (options.returnFullResponse) {
		return {
			body: response.data,
			headers: response.headers,
			statusCode: response.status,
			statusMessage: response.statusText,
		};
	}
	return response.data;
}

/** A minimal execute context whose `httpRequestWithAuthentication` really sends the request. */
export function createFakeContext(options: FakeContextOptions = {}): FakeContext {
	const credentials = options.credentials ?? { apiToken: 'cred-token-XYZ-123456' };
	const calls: IHttpRequestOptions[] = [];

	async function httpRequestWithAuthentication(
		_credentialType: string,
		requestOptions: IHttpRequestOptions,
	): Promise<unknown> {
		calls.push(requestOptions);
		if (options.failBeforeRequest) {
			throw new NodeApiError(FAKE_NODE, options.failBeforeRequest as never);
		}
		// what a credential's `authenticate` block does: add the token header
		const authenticated: IHttpRequestOptions = {
			...requestOptions,
			headers: { ...requestOptions.headers },
		};
		if (credentials.apiToken !== undefined) {
			authenticated.headers!.Authorization = `Bearer ${String(credentials.apiToken)}`;
		}
		try {
			return await sendLikeN8n(authenticated);
		} catch (error) {
			if (options.errorShape === 'axios') throw error;
			throw new NodeApiError(FAKE_NODE, error as never);
		}
	}

	const ctx = {
		getNode: () => FAKE_NODE,
		getCredentials: async () => credentials,
		helpers: { httpRequestWithAuthentication },
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

export type FaultHandler = (
	req: IncomingMessage,
	res: ServerResponse,
	hit: number,
	body: string,
) => void;

/** A real HTTP server on 127.0.0.1 whose behaviour each test scripts through `handle`. */
export class FaultServer {
	private readonly server: Server;

	/** Requests received per path (query string excluded). */
	readonly hits = new Map<string, number>();

	handle: FaultHandler = (_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{}');
	};

	constructor() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const path = (req.url ?? '/').split('?')[0];
				const hit = (this.hits.get(path) ?? 0) + 1;
				this.hits.set(path, hit);
				this.handle(req, res, hit, Buffer.concat(chunks).toString('utf8'));
			});
		});
	}

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	hitsOf(path: string): number {
		return this.hits.get(path) ?? 0;
	}

	reset(handler: FaultHandler): void {
		this.hits.clear();
		this.handle = handler;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

/** Injected clock: sleeps are recorded and advance time instantly. */
export function fakeClock(start = 1_700_000_000_000) {
	let now = start;
	const delays: number[] = [];
	return {
		delays,
		deps: {
			now: () => now,
			sleep: async (ms: number) => {
				delays.push(ms);
				now += ms;
			},
			random: () => 0.5,
		},
	};
}
