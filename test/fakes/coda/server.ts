import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reply, RouteContext } from './context';
import { CodaError, errorBody } from './errors';
import { Links } from './links';
import { MutationQueue } from './mutations';
import { resolveListing } from './pagination';
import { Presenter } from './present';
import { classifyRequest, RateLimiter, type RateLimits } from './rateLimit';
import { Router } from './router';
import { sampleDoc, seedDoc, type SeedDoc, type SeededDoc } from './seed';
import { codaSpecValidator, type SpecValidator } from './specValidator';
import { Store } from './store';

export type { RateLimit, RateLimitKind, RateLimits } from './rateLimit';
export { CODA_RATE_LIMITS } from './rateLimit';
export type {
	SeedColumn,
	SeedDoc,
	SeededDoc,
	SeededTable,
	SeedPage,
	SeedRow,
	SeedTable,
} from './seed';
export { sampleDoc } from './seed';

export const API_BASE_PATH = '/apis/v1';
export const DEFAULT_CODA_TOKEN = 'coda-fake-token';

export interface CodaFakeOptions {
	/** Accepted bearer token (default `coda-fake-token`). */
	token?: string;
	/** Overrides of Coda's published limits; `null` disables a class. */
	rateLimits?: RateLimits;
	/** Delay before queued mutations/exports complete (default 0: immediately). */
	mutationDelayMs?: number;
	/** Validator used for every exchange (default: the patched Coda document). */
	validator?: SpecValidator;
}

export interface RequestLogEntry {
	method: string;
	/** Full path as received, e.g. `/apis/v1/docs/Doc0001`. */
	path: string;
	/** Query string without `?` ('' when none). */
	query: string;
	status: number;
}

export interface CodaFake {
	/** API base, e.g. `http://127.0.0.1:PORT/apis/v1`. */
	url: string;
	/** Server origin, e.g. `http://127.0.0.1:PORT`. */
	origin: string;
	token: string;
	/** Spec mismatches of requests received and responses sent (plus fake-internal errors). */
	violations: string[];
	requests: RequestLogEntry[];
	/** In-memory state, for assertions beyond what the API exposes. */
	store: Store;
	seed(data: { docs: SeedDoc[] }): { docs: SeededDoc[] };
	seedDoc(doc: SeedDoc): SeededDoc;
	/** Seeds {@link sampleDoc} (tables Tasks/Projects, pages, formula, control). */
	seedSampleDoc(options?: { name?: string; rows?: number }): SeededDoc;
	setRateLimit(limits: RateLimits): void;
	setMutationDelay(ms: number): void;
	/** Clears state, logs, violations, counters and queued mutations (options stay). */
	reset(): void;
	close(): Promise<void>;
}

interface Exchange {
	method: string;
	url: URL;
	rawBody: string;
	contentType?: string;
	authorization?: string;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(
	res: ServerResponse,
	reply: Reply,
	contentType = 'application/json; charset=utf-8',
): void {
	const payload =
		reply.body === undefined
			? ''
			: typeof reply.body === 'string'
				? reply.body
				: JSON.stringify(reply.body);
	res.writeHead(reply.status, { 'Content-Type': contentType, ...reply.headers });
	res.end(payload);
}

export async function startCodaFake(options: CodaFakeOptions = {}): Promise<CodaFake> {
	const token = options.token ?? DEFAULT_CODA_TOKEN;
	const validator = options.validator ?? codaSpecValidator();
	const store = new Store();
	const limiter = new RateLimiter(options.rateLimits);
	const mutations = new MutationQueue(options.mutationDelayMs ?? 0);
	const router = new Router();
	const violations: string[] = [];
	const requests: RequestLogEntry[] = [];

	for (const route of router.templates) {
		if (!validator.findOperation(route.method, route.template)) {
			throw new Error(
				`Coda fake route ${route.method} ${route.template} is not declared in the OpenAPI document`,
			);
		}
	}

	let links = new Links('', '');
	let present = new Presenter(store, links);

	function dispatch(ex: Exchange, body: unknown, invalidJson: boolean): Reply {
		const relative = ex.url.pathname.slice(API_BASE_PATH.length);
		if (ex.authorization !== `Bearer ${token}`) throw new CodaError(401, 'Unauthorized');
		const match = router.match(ex.method, relative);
		if (!match) {
			if (validator.findOperation(ex.method, relative))
				violations.push(
					`[fake] ${ex.method} ${relative}: declared in the spec but not implemented by the fake`,
				);
			throw new CodaError(404, `No route for ${ex.method} ${relative}`);
		}
		const retryAfter = limiter.take(classifyRequest(ex.method, match.def.template));
		if (retryAfter !== undefined)
			throw new CodaError(429, 'Too Many Requests', { 'Retry-After': String(retryAfter) });
		if (invalidJson) throw new CodaError(400, 'The request body is not valid JSON.');
		mutations.flush();
		const listing = resolveListing(ex.url.searchParams);
		const ctx: RouteContext = {
			store,
			links,
			present,
			mutations,
			params: match.params,
			query: listing.query,
			offset: listing.offset,
			body,
			url: ex.url,
			delayMs: mutations.delayMs,
		};
		return match.def.handler(ctx);
	}

	function handleApi(ex: Exchange): Reply {
		let body: unknown;
		let invalidJson = false;
		if (ex.rawBody.trim() !== '') {
			try {
				body = JSON.parse(ex.rawBody);
			} catch {
				invalidJson = true;
			}
		}
		const path = ex.url.pathname;
		violations.push(
			...validator.validateRequest({
				method: ex.method,
				path,
				query: ex.url.searchParams,
				body,
				invalidJson,
				contentType: ex.contentType,
			}),
		);
		let reply: Reply;
		try {
			reply = dispatch(ex, body, invalidJson);
		} catch (error) {
			if (!(error instanceof CodaError)) {
				violations.push(
					`[fake] ${ex.method} ${path}: internal error: ${(error as Error).stack ?? String(error)}`,
				);
				reply = { status: 500, body: errorBody(500, (error as Error).message) };
			} else {
				reply = {
					status: error.status,
					body: errorBody(error.status, error.message),
					headers: error.headers,
				};
			}
		}
		if (validator.findOperation(ex.method, path))
			violations.push(
				...validator.validateResponse({ method: ex.method, path }, reply.status, reply.body),
			);
		return reply;
	}

	function handleDownload(ex: Exchange, res: ServerResponse): number {
		const id = decodeURIComponent(ex.url.pathname.slice('/_fake/exports/'.length));
		const record = store.docs.flatMap((d) => [...d.exports.values()]).find((e) => e.id === id);
		if (ex.method !== 'GET' || !record || Date.now() < record.readyAt) {
			send(res, { status: 404, body: 'Not Found' }, 'text/plain');
			return 404;
		}
		send(
			res,
			{ status: 200, body: record.content },
			record.format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
		);
		return 200;
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const ex: Exchange = {
			method: (req.method ?? 'GET').toUpperCase(),
			url: new URL(req.url ?? '/', links.origin),
			rawBody: await readBody(req),
			contentType: req.headers['content-type'],
			authorization: req.headers.authorization,
		};
		let status: number;
		if (ex.url.pathname.startsWith('/_fake/exports/')) {
			status = handleDownload(ex, res);
		} else if (ex.url.pathname.startsWith(`${API_BASE_PATH}/`)) {
			const reply = handleApi(ex);
			status = reply.status;
			send(res, reply);
		} else {
			status = 404;
			send(res, { status, body: errorBody(404, `Not under ${API_BASE_PATH}`) });
		}
		requests.push({
			method: ex.method,
			path: ex.url.pathname,
			query: ex.url.search.slice(1),
			status,
		});
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			violations.push(`[fake] unhandled error: ${error.stack ?? String(error)}`);
			if (!res.headersSent) send(res, { status: 500, body: errorBody(500, error.message) });
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	links = new Links(`${origin}${API_BASE_PATH}`, origin);
	present = new Presenter(store, links);

	return {
		url: links.apiBase,
		origin,
		token,
		violations,
		requests,
		store,
		seed: (data) => ({ docs: data.docs.map((d) => seedDoc(store, d)) }),
		seedDoc: (doc) => seedDoc(store, doc),
		seedSampleDoc: (opts) => seedDoc(store, sampleDoc(opts)),
		setRateLimit: (limits) => limiter.set(limits),
		setMutationDelay: (ms) => {
			mutations.delayMs = ms;
		},
		reset() {
			store.reset();
			limiter.reset();
			mutations.reset();
			violations.length = 0;
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
