import type { Links } from './links';
import type { MutationQueue } from './mutations';
import type { Presenter } from './present';
import type { Store } from './store';

/** What a route handler gets for one request. */
export interface RouteContext {
	store: Store;
	links: Links;
	present: Presenter;
	mutations: MutationQueue;
	/** Path parameters, URL-decoded. */
	params: Record<string, string>;
	/** Effective query: the request's, merged over the one captured in a `pageToken`. */
	query: URLSearchParams;
	/** List offset decoded from `pageToken` (0 without one). */
	offset: number;
	/** Parsed JSON body, `undefined` when none was sent. */
	body: unknown;
	url: URL;
	/** Delay after which queued work (mutations, exports) completes. */
	delayMs: number;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => Reply;

export interface RouteDef {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Path template exactly as written in the OpenAPI document (relative to `/apis/v1`). */
	template: string;
	handler: Handler;
}

/** Reads a boolean query flag (`true`/`false`), `undefined` when absent. */
export function queryFlag(ctx: RouteContext, name: string): boolean | undefined {
	const value = ctx.query.get(name);
	return value === null ? undefined : value === 'true';
}

/** The request body as an object (route handlers rely on the spec validator for the details). */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
	const body = ctx.body;
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: {};
}
