import type { Listing } from './listing';
import type { Presenter } from './present';
import type { Store } from './store';
import type { TaskQueue } from './tasks';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface RouteContext {
	store: Store;
	present: Presenter;
	tasks: TaskQueue;
	/** Path parameters of the matched OpenAPI template (`domain`, `campaign`, …). */
	params: Record<string, string>;
	query: URLSearchParams;
	/** The parsed JSON body (`{}` when none was sent). */
	body: Record<string, any>;
}

export type Handler = (ctx: RouteContext) => Reply;

/** Handlers by `METHOD template`, the template as the OpenAPI document spells it. */
export type Routes = Record<string, Handler>;

export const ok = (data: unknown, status = 200): Reply => ({
	status,
	body: { result: 'success', data },
});

export const listed = (listing: Listing): Reply => ({
	status: 200,
	body: { result: 'success', ...listing },
});

/** A 202: the work is a task whose uuid is the answer's data. */
export const accepted = (uuid: string): Reply => ({
	status: 202,
	body: { result: 'asynchronous', data: uuid },
});

export const NEWSLETTERS = '/1/newsletters/{domain}';
