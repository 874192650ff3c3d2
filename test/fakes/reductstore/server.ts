/**
 * In-memory fake of the ReductStore HTTP API v1 (see /work/shared/specs/reductstore-http-api).
 *
 * Every response carries `x-reduct-api: <major.minor>`; errors carry `x-reduct-error: <message>`
 * and a `{"detail": "..."}` JSON body, like the real server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBatch, removeBatch, updateBatch, writeBatch } from './batch';
import { handleBucket, handleBucketRename, handleInfo, handleList } from './buckets';
import type { Ctx, FakeState } from './context';
import { notFound, ReductError, sendEmpty, sendError } from './http';
import { ioRead, ioRemove, ioUpdate, ioWrite } from './io';
import { createLink, getLink } from './links';
import { QueryRegistry } from './query';
import { entryQuery, ioQuery } from './query-routes';
import { readSingle, removeSingle, renameEntry, updateSingle, writeSingle } from './records';
import { handleReplications } from './replications';
import { handleMe, handleTokens, requireAuthenticated, TokenStore } from './tokens';

export interface ReductFake {
	url: string;
	token?: string;
	close(): Promise<void>;
	/** Every handled request in completion order; `path` includes the query string. */
	requests: Array<{ method: string; path: string; status: number }>;
}

export interface ReductFakeOptions {
	/** Like RS_API_TOKEN: the full-access `init-token`. Undefined disables authentication. */
	apiToken?: string;
	/** Value of the `x-reduct-api` header (major.minor); defaults to the docs' version. */
	apiVersion?: string;
}

export const DEFAULT_API_VERSION = '1.21';

type Handler = (ctx: Ctx, path: string[]) => Promise<boolean> | boolean;

/** /api/v1/b/:bucket/... */
const bucketRoutes: Handler = async (ctx, [bucket, ...rest]) => {
	const { method } = ctx;
	if (bucket === undefined) return false;
	if (rest.length === 0) return handleBucket(ctx, bucket);
	if (rest.length === 1 && rest[0] === 'rename' && method === 'PUT') {
		await handleBucketRename(ctx, bucket);
		return true;
	}
	const last = rest[rest.length - 1];
	const entry = rest.slice(0, -1).join('/');
	if (rest.length >= 2 && last === 'batch') {
		if (method === 'POST') await writeBatch(ctx, bucket, entry);
		else if (method === 'PATCH') await updateBatch(ctx, bucket, entry);
		else if (method === 'DELETE') removeBatch(ctx, bucket, entry);
		else if (method === 'GET' || method === 'HEAD') readBatch(ctx, bucket);
		else return false;
		return true;
	}
	if (rest.length >= 2 && last === 'q') return entryQuery(ctx, bucket, entry);
	if (rest.length >= 2 && last === 'rename' && method === 'PUT') {
		await renameEntry(ctx, bucket, entry);
		return true;
	}
	const record = rest.join('/');
	if (method === 'POST') await writeSingle(ctx, bucket, record);
	else if (method === 'GET' || method === 'HEAD') readSingle(ctx, bucket, record);
	else if (method === 'PATCH') await updateSingle(ctx, bucket, record);
	else if (method === 'DELETE') removeSingle(ctx, bucket, record);
	else return false;
	return true;
};

/** /api/v1/io/:bucket/{write,read,q,update,remove} */
const ioRoutes: Handler = async (ctx, [bucket, action, ...extra]) => {
	if (bucket === undefined || extra.length > 0) return false;
	const route = `${ctx.method} ${action}`;
	if (route === 'POST write') await ioWrite(ctx, bucket);
	else if (route === 'GET read' || route === 'HEAD read') ioRead(ctx, bucket);
	else if (route === 'POST q') await ioQuery(ctx, bucket);
	else if (route === 'PATCH update') await ioUpdate(ctx, bucket);
	else if (route === 'DELETE remove') await ioRemove(ctx, bucket);
	else return false;
	return true;
};

const simple =
	(methods: string[], fn: (ctx: Ctx) => void): Handler =>
	(ctx, rest) => {
		if (rest.length > 0 || !methods.includes(ctx.method)) return false;
		fn(ctx);
		return true;
	};

const ROUTES: Record<string, Handler> = {
	alive: simple(['GET', 'HEAD'], (ctx) => sendEmpty(ctx.res)),
	ready: simple(['GET', 'HEAD'], (ctx) => sendEmpty(ctx.res)),
	info: simple(['GET', 'HEAD'], (ctx) => {
		if (ctx.method === 'GET') handleInfo(ctx);
		else {
			requireAuthenticated(ctx);
			sendEmpty(ctx.res);
		}
	}),
	list: simple(['GET', 'HEAD'], handleList),
	me: simple(['GET'], handleMe),
	b: bucketRoutes,
	io: ioRoutes,
	tokens: handleTokens,
	replications: handleReplications,
	links: async (ctx, [file, ...extra]) => {
		if (file === undefined || extra.length > 0) return false;
		if (ctx.method === 'POST') await createLink(ctx, file);
		else if (ctx.method === 'GET' || ctx.method === 'HEAD') getLink(ctx, file);
		else return false;
		return true;
	},
};

async function dispatch(ctx: Ctx): Promise<void> {
	const segments = ctx.url.pathname
		.split('/')
		.filter((s) => s !== '')
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
	const [api, version, resource, ...rest] = segments;
	const handler =
		api === 'api' && version === 'v1' && Object.hasOwn(ROUTES, resource)
			? ROUTES[resource]
			: undefined;
	if (!handler || !(await handler(ctx, rest))) {
		throw notFound(`Route ${ctx.method} ${ctx.url.pathname} not found`);
	}
}

export async function startReductFake(opts: ReductFakeOptions = {}): Promise<ReductFake> {
	const apiVersion = opts.apiVersion ?? DEFAULT_API_VERSION;
	const state: FakeState = {
		apiVersion,
		serverVersion: `${apiVersion}.0`,
		startedAt: Date.now(),
		baseUrl: '',
		buckets: new Map(),
		tokens: new TokenStore(opts.apiToken),
		replications: new Map(),
		queries: new QueryRegistry(),
	};
	const requests: ReductFake['requests'] = [];

	// batch metadata travels in headers: allow more than Node's 16 KiB default
	const server = createServer(
		{ maxHeaderSize: 1024 * 1024 },
		(req: IncomingMessage, res: ServerResponse) => {
			const method = req.method ?? 'GET';
			res.setHeader('x-reduct-api', apiVersion);
			res.on('finish', () =>
				requests.push({ method, path: req.url ?? '', status: res.statusCode }),
			);
			const ctx: Ctx = { req, res, method, url: new URL(req.url ?? '/', state.baseUrl), state };
			dispatch(ctx)
				.catch((err: unknown) => {
					const error =
						err instanceof ReductError
							? err
							: new ReductError(500, (err as Error)?.message ?? String(err));
					sendError(req, res, error);
				})
				.finally(() => {
					if (!req.readableEnded) req.resume();
				});
		},
	);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	state.baseUrl = `http://127.0.0.1:${port}`;

	return {
		url: state.baseUrl,
		token: opts.apiToken,
		requests,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
	};
}
