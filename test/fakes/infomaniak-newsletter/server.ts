import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Reply, RouteContext, Routes } from './context';
import { ApiError } from './errors';
import { Presenter } from './present';
import { INFOMANIAK_QUOTA, SlidingWindow, type Quota } from './rateLimit';
import { accountRoutes } from './routes/account';
import { campaignRoutes } from './routes/campaigns';
import { groupRoutes } from './routes/groups';
import { subscriberRoutes } from './routes/subscribers';
import { sendDue } from './sending';
import { newsletterSpecValidator, type NewsletterSpecValidator } from './specValidator';
import { nowSeconds, Store, type Campaign, type Segment, type Subscriber } from './store';
import { TaskQueue } from './tasks';

export type { Quota } from './rateLimit';
export { INFOMANIAK_QUOTA } from './rateLimit';

export const DEFAULT_TOKEN = 'infomaniak-fake-token';
/** A valid token without the newsletter scope: every call is refused with 403. */
export const UNSCOPED_TOKEN = 'infomaniak-fake-token-without-newsletter-scope';
export const DEFAULT_DOMAIN_ID = 4242;

export interface NewsletterFakeOptions {
	token?: string;
	domainId?: number;
	domainName?: string;
	/** Requests allowed per window and account; null: no limit. Default Infomaniak's 60 per minute. */
	quota?: Quota | null;
	/** Whether a 429 carries Retry-After (default true; Infomaniak does not document it). */
	retryAfter?: boolean;
	/** Status reads after which an asynchronous task has finished (default 2). */
	taskReads?: number;
	validator?: NewsletterSpecValidator;
}

export interface RequestLogEntry {
	method: string;
	/** The path as received, e.g. `/1/newsletters/4242/subscribers`. */
	path: string;
	/** Query string without `?`, decoded ('' when none). */
	query: string;
	status: number;
	/** The parsed JSON body, when one was sent. */
	body?: any;
}

export interface NewsletterFake {
	/** API origin to give the credential as Base URL, e.g. `http://127.0.0.1:PORT`. */
	url: string;
	token: string;
	domainId: number;
	/** Spec mismatches of requests received and answers sent, and the fake's own complaints. */
	violations: string[];
	requests: RequestLogEntry[];
	store: Store;
	tasks: TaskQueue;
	/** Requests answered 429. */
	rateLimited(): number;
	/** Requests that changed something (anything but GET, and the read sent as POST /subscribers/filter). */
	writes(): RequestLogEntry[];
	addGroup(name: string): number;
	addSubscriber(
		email: string,
		options?: Partial<Pick<Subscriber, 'status'>> & {
			groups?: number[];
			fields?: Record<string, string>;
		},
	): number;
	addSegment(name: string, matches: Segment['matches']): number;
	addCampaign(values?: Partial<Campaign>): number;
	setQuota(quota: Quota | null): void;
	setRetryAfter(on: boolean): void;
	/** Forgets the requests counted against the quota. */
	clearQuota(): void;
	/** Clears state, logs, violations and counters (options stay). */
	reset(): void;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, reply: Reply): void {
	res.writeHead(reply.status, {
		'Content-Type': 'application/json; charset=utf-8',
		...reply.headers,
	});
	res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}

export async function startNewsletterFake(
	options: NewsletterFakeOptions = {},
): Promise<NewsletterFake> {
	const token = options.token ?? DEFAULT_TOKEN;
	const domainId = options.domainId ?? DEFAULT_DOMAIN_ID;
	const domainName = options.domainName ?? 'news.example.com';
	const validator = options.validator ?? newsletterSpecValidator();
	const store = new Store();
	const tasks = new TaskQueue(store);
	tasks.readsToFinish = options.taskReads ?? 2;
	const present = new Presenter(store, domainName);
	const window = new SlidingWindow(options.quota === undefined ? INFOMANIAK_QUOTA : options.quota);
	let retryAfter = options.retryAfter ?? true;
	const violations: string[] = [];
	const requests: RequestLogEntry[] = [];
	const routes: Routes = {
		...accountRoutes({ id: domainId, name: domainName }),
		...campaignRoutes,
		...groupRoutes,
		...subscriberRoutes,
	};
	for (const key of Object.keys(routes)) {
		const [method, template] = key.split(' ');
		const match = validator.findOperation(method, template);
		if (match?.template !== template)
			throw new Error(`Fake route ${key} is not an operation of the OpenAPI document`);
	}

	function dispatch(
		method: string,
		url: URL,
		headers: IncomingMessage['headers'],
		body: unknown,
	): Reply {
		const authorization = headers.authorization ?? '';
		if (authorization === `Bearer ${UNSCOPED_TOKEN}`)
			throw new ApiError(403, 'access_denied', 'The token has no access to the newsletter scope');
		if (authorization !== `Bearer ${token}`)
			throw new ApiError(401, 'not_authorized', 'Authentication required');
		const wait = window.admit(token);
		if (wait !== undefined)
			throw new ApiError(
				429,
				'too_many_requests',
				'Too many requests',
				undefined,
				retryAfter ? { 'Retry-After': String(wait) } : {},
			);
		const match = validator.findOperation(method, url.pathname);
		const handler = match && routes[`${method} ${match.template}`];
		if (!match || !handler) {
			if (match)
				violations.push(`[fake] ${method} ${match.template}: in the document but not implemented`);
			throw new ApiError(404, 'object_not_found', `No route for ${method} ${url.pathname}`);
		}
		if (match.pathParams.domain !== undefined && Number(match.pathParams.domain) !== domainId)
			throw new ApiError(404, 'object_not_found', `Domain ${match.pathParams.domain} not found`);
		// a production client saw this: a JSON Content-Type on a body-less GET with `with` → 422
		if (
			method === 'GET' &&
			url.searchParams.has('with') &&
			/json/i.test(String(headers['content-type'] ?? ''))
		) {
			violations.push(
				`[fake] GET ${url.pathname} with "with" and a JSON Content-Type: Infomaniak answers 422`,
			);
			throw new ApiError(422, 'validation_failed', 'with field is prohibited');
		}
		sendDue(store);
		const ctx: RouteContext = {
			store,
			present,
			tasks,
			params: match.pathParams,
			query: url.searchParams,
			body: (body ?? {}) as Record<string, any>,
		};
		return handler(ctx);
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://fake.invalid');
		const raw = await readBody(req);
		let body: unknown;
		let invalidJson = false;
		if (raw.trim() !== '') {
			try {
				body = JSON.parse(raw);
			} catch {
				invalidJson = true;
			}
		}
		violations.push(
			...validator.validateRequest({
				method,
				path: url.pathname,
				query: url.searchParams,
				body,
				invalidJson,
				contentType: raw.trim() === '' ? undefined : req.headers['content-type'],
			}),
		);
		let reply: Reply;
		try {
			if (invalidJson) throw new ApiError(400, 'bad_request', 'The body is not valid JSON');
			reply = dispatch(method, url, req.headers, body);
		} catch (error) {
			if (error instanceof ApiError) {
				reply = { status: error.status, body: error.body, headers: error.headers };
			} else {
				violations.push(
					`[fake] ${method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`,
				);
				reply = { status: 500, body: new ApiError(500, 'unexpected_error', String(error)).body };
			}
		}
		if (validator.findOperation(method, url.pathname))
			violations.push(
				...validator.validateResponse({ method, path: url.pathname }, reply.status, reply.body),
			);
		send(res, reply);
		requests.push({
			method,
			path: url.pathname,
			query: decodeURIComponent(url.search.slice(1)),
			status: reply.status,
			...(body !== undefined ? { body } : {}),
		});
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			violations.push(`[fake] unhandled: ${error.stack ?? String(error)}`);
			if (!res.headersSent) send(res, { status: 500 });
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		token,
		domainId,
		violations,
		requests,
		store,
		tasks,
		rateLimited: () => requests.filter((r) => r.status === 429).length,
		writes: () =>
			requests.filter(
				(r) =>
					r.method !== 'GET' && !(r.method === 'POST' && r.path.endsWith('/subscribers/filter')),
			),
		addGroup: (name) => store.addGroup(name).id,
		addSubscriber(email, values = {}) {
			const subscriber: Subscriber = {
				id: store.id(),
				email,
				status: values.status ?? 'active',
				created_at: nowSeconds(),
				source: 'manual',
				fields: new Map(Object.entries(values.fields ?? {})),
				groups: new Set(values.groups ?? []),
				deleted: false,
			};
			store.subscribers.push(subscriber);
			return subscriber.id;
		},
		addSegment: (name, matches) => store.addSegment(name, matches).id,
		addCampaign(values = {}) {
			const campaign = store.newCampaign({
				subject: 'Seeded campaign',
				email_from_name: 'News',
				email_from_addr: `news@${domainName}`,
				content_html: '<p>Hello <a href="https://example.com/read">read more</a></p>',
				...values,
			});
			store.campaigns.push(campaign);
			return campaign.id;
		},
		setQuota: (quota) => {
			window.quota = quota;
			window.clear();
		},
		setRetryAfter: (on) => {
			retryAfter = on;
		},
		clearQuota: () => window.clear(),
		reset() {
			store.reset();
			window.clear();
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
