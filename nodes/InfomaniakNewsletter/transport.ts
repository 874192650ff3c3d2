import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	cloudRequest,
	cloudRequestAllItems,
	secretsFromCredential,
	type CloudRequest,
	type RetryPolicy,
} from '../shared/transport';
import { endpointProblem, type EndpointRule } from '../shared/transport/endpoint';
import { waitUnlessAborted } from '../shared/transport/wait';
import { windowQuota } from '../shared/transport/rateLimit';
import { toNewsletterError } from './errors';

/**
 * The Infomaniak Newsletter node's layer over the shared transport: URLs under
 * `/1/newsletters/{domain}` from the credential, the `{result, data}` envelope, page-based
 * pagination, Infomaniak's error bodies, and the client-side pacing of Infomaniak's quota.
 */

export const NEWSLETTER_CREDENTIAL = 'cloudPackInfomaniakNewsletterApi';
export const DEFAULT_BASE_URL = 'https://api.infomaniak.com';

/**
 * Infomaniak allows 60 requests per minute per account on its whole API. The bucket (a burst of
 * 5, refilled at 55 a minute) never sends more than 60 in any minute however Infomaniak counts,
 * so a long workflow is paced rather than refused; a 429 caused by another client of the account
 * is still retried. The credential's "Requests per Minute" changes the 60 (an account whose quota
 * Infomaniak raised, or room left for other clients of the same account).
 */
export const DEFAULT_REQUESTS_PER_MINUTE = 60;
export const NEWSLETTER_RATE_LIMIT = newsletterRateLimit(DEFAULT_REQUESTS_PER_MINUTE);

export function newsletterRateLimit(requestsPerMinute: number) {
	return windowQuota(requestsPerMinute, 60_000, Math.min(5, Math.max(1, requestsPerMinute - 1)));
}

/**
 * Whether Infomaniak's 429 carries a Retry-After is not documented: without one, the backoff must
 * be able to outlast a one-minute window (ceilings 2, 4, 8, 16, 32, 60, 60 s).
 */
export const NEWSLETTER_RETRY_POLICY: Partial<RetryPolicy> = {
	maxAttempts: 8,
	baseDelayMs: 2_000,
	maxDelayMs: 60_000,
	maxTotalMs: 300_000,
};

/** The largest page asked for; the loop follows the `pages` Infomaniak reports, whatever it serves. */
export const MAX_PAGE_SIZE = 1000;

export type NewsletterContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What every request of a run needs: where the API is and which newsletter domain. */
export interface NewsletterClient {
	baseUrl: string;
	domainId: number;
	/** Group and segment ids of the domain, read once per run when a parameter must be checked. */
	known?: Partial<Record<'groups' | 'segments', Promise<Set<number>>>>;
	/** The account's quota, as the credential declares it (default 60 a minute). */
	rateLimit?: ReturnType<typeof newsletterRateLimit>;
}

/** The envelope of every answer. Lists add the pagination fields when `page` was asked for. */
export interface NewsletterResponse<T = unknown> {
	result: 'success' | 'error' | 'asynchronous';
	data: T;
	total?: number;
	page?: number;
	pages?: number;
	items_per_page?: number;
}

export interface NewsletterCall {
	method?: IHttpRequestMethods;
	/** Below `/1/newsletters/{domain}` (e.g. `/campaigns/12`), or an API path of its own (`/1/async/…`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** A POST that may be sent again after a failure (an upsert, a read sent as POST). */
	idempotent?: boolean;
	/** The parameter the path's id came from, as n8n shows it: a 404 names it. */
	notFound?: string;
	/** The parameters (as n8n shows them) the body was built from: a 400 or 422 names them. */
	invalid?: string[];
}

/**
 * The endpoint rule (nodes/shared/transport/endpoint.ts) for the credential's Base URL: the API
 * token goes over https://, or http:// to this machine only, and never to user:password@.
 */
export const BASE_URL_RULE: EndpointRule = {
	label: 'The "Base URL" of the Infomaniak Newsletter credential',
	sendsSecret: true,
};

function credentialProblem(ctx: NewsletterContext, message: string, description: string) {
	return new NodeOperationError(ctx.getNode(), message, { description });
}

/** Reads the credential once per run: base URL and newsletter domain id, both checked. */
export async function newsletterClient(ctx: NewsletterContext): Promise<NewsletterClient> {
	const credentials = await ctx.getCredentials(NEWSLETTER_CREDENTIAL);
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	const problem = endpointProblem(raw, BASE_URL_RULE);
	if (problem) throw credentialProblem(ctx, problem, `Set it to ${DEFAULT_BASE_URL}`);
	const domain = String(credentials.domainId ?? '').trim();
	if (!/^\d+$/.test(domain) || Number(domain) <= 0) {
		throw credentialProblem(
			ctx,
			`The "Domain ID" of the Infomaniak Newsletter credential, "${domain}", is not a number`,
			"It is the number in the Manager's address when the newsletter domain is open (…/newsletter/<ID>/…).",
		);
	}
	const perMinute = Number(credentials.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE);
	if (!Number.isInteger(perMinute) || perMinute < 2 || perMinute > 100_000) {
		throw credentialProblem(
			ctx,
			`The "Requests per Minute" of the Infomaniak Newsletter credential, "${String(credentials.requestsPerMinute)}", is not a whole number from 2 to 100000`,
			`Infomaniak's quota is ${DEFAULT_REQUESTS_PER_MINUTE} a minute unless Infomaniak raised it for the account.`,
		);
	}
	return {
		baseUrl: raw.replace(/\/+$/, ''),
		domainId: Number(domain),
		rateLimit: newsletterRateLimit(perMinute),
	};
}

/** A path with every interpolated value URL-encoded: apiPath`/campaigns/${id}`. */
export function apiPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
	return strings.reduce(
		(path, part, index) =>
			path + part + (index < values.length ? encodeURIComponent(String(values[index])) : ''),
		'',
	);
}

function urlOf(client: NewsletterClient, path: string): string {
	if (path.startsWith('/1/')) return `${client.baseUrl}${path}`;
	return `${client.baseUrl}/1/newsletters/${client.domainId}${path}`;
}

function toRequest(client: NewsletterClient, call: NewsletterCall): CloudRequest {
	return {
		method: call.method ?? 'GET',
		url: urlOf(client, call.path),
		qs: call.qs,
		// Infomaniak answers 422 to a body-less GET carrying a JSON Content-Type: send a body only with one
		...(call.body !== undefined ? { body: call.body } : {}),
		json: true,
		retrySafe: call.idempotent === true,
		rateLimit: client.rateLimit ?? NEWSLETTER_RATE_LIMIT,
		sendCredentialsOnCrossOriginRedirect: false,
	};
}

async function tokenSecrets(ctx: NewsletterContext): Promise<string[]> {
	try {
		return secretsFromCredential(await ctx.getCredentials(NEWSLETTER_CREDENTIAL));
	} catch {
		return [];
	}
}

async function mapFailure(
	ctx: NewsletterContext,
	error: unknown,
	call: NewsletterCall,
): Promise<Error> {
	if (!(error instanceof NodeApiError)) return error as Error;
	return toNewsletterError(error, error.context.providerBody, call, await tokenSecrets(ctx));
}

/** One request; the whole envelope back. */
export async function newsletterRequest<T = unknown>(
	ctx: NewsletterContext,
	client: NewsletterClient,
	call: NewsletterCall,
): Promise<NewsletterResponse<T>> {
	try {
		return await cloudRequest<NewsletterResponse<T>>(
			ctx,
			NEWSLETTER_CREDENTIAL,
			toRequest(client, call),
			NEWSLETTER_RETRY_POLICY,
		);
	} catch (error) {
		throw await mapFailure(ctx, error, call);
	}
}

/** One request; its `data`. */
export async function newsletterData<T = unknown>(
	ctx: NewsletterContext,
	client: NewsletterClient,
	call: NewsletterCall,
): Promise<T> {
	return (await newsletterRequest<T>(ctx, client, call)).data;
}

/** The items of a list, page after page (`page`/`per_page`), until `limit` (or all of them). */
export async function newsletterRequestAll<T = IDataObject>(
	ctx: NewsletterContext,
	client: NewsletterClient,
	call: NewsletterCall,
	limit?: number,
): Promise<T[]> {
	const request = toRequest(client, {
		...call,
		qs: { ...call.qs, page: 1, per_page: Math.min(limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE) },
	});
	try {
		return await cloudRequestAllItems<T, NewsletterResponse<T[]>>(
			ctx,
			NEWSLETTER_CREDENTIAL,
			request,
			{
				itemsPath: 'data',
				limit,
				nextPage: (response, previous) => {
					const page = Number(response?.page ?? 0);
					return page > 0 && page < Number(response?.pages ?? 0)
						? { qs: { ...previous.qs, page: page + 1 } }
						: undefined;
				},
			},
			NEWSLETTER_RETRY_POLICY,
		);
	} catch (error) {
		throw await mapFailure(ctx, error, call);
	}
}

/** One page of a list, for pickers (which page on demand). */
export async function newsletterPage<T = IDataObject>(
	ctx: NewsletterContext,
	client: NewsletterClient,
	call: NewsletterCall,
	page: number,
	perPage: number,
): Promise<{ items: T[]; nextPage?: number }> {
	const response = await newsletterRequest<T[]>(ctx, client, {
		...call,
		qs: { ...call.qs, page, per_page: perPage },
	});
	const items = Array.isArray(response.data) ? response.data : [];
	return { items, nextPage: page < Number(response.pages ?? 0) ? page + 1 : undefined };
}

/**
 * Filters as Infomaniak reads them, in PHP's bracket notation with scalar values only
 * (`filter[status][0]=sent`), so that every query serializer sends them alike.
 */
export function bracketQuery(name: string, value: unknown): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (Array.isArray(value))
		return Object.assign(
			{},
			...value.map((entry, index) => bracketQuery(`${name}[${index}]`, entry)),
		) as IDataObject;
	if (typeof value === 'object')
		return Object.assign(
			{},
			...Object.entries(value as IDataObject).map(([key, entry]) =>
				bracketQuery(`${name}[${key}]`, entry),
			),
		) as IDataObject;
	return { [name]: value as string | number | boolean };
}

/** An asynchronous task of Infomaniak's API (`/1/async/tasks/{uuid}`). */
export interface AsyncTask extends IDataObject {
	uuid: string;
	status: 'spooled' | 'running' | 'executed' | 'failed';
}

export const DEFAULT_TASK_TIMEOUT_SECONDS = 300;
const FINISHED = ['executed', 'failed'];

/** The task an "asynchronous" answer refers to (its `data` is the task's uuid), if any. */
export function taskIdOf(response: NewsletterResponse<unknown>): string | undefined {
	return typeof response.data === 'string' && response.data.trim() !== ''
		? response.data.trim()
		: undefined;
}

export async function getTask(
	ctx: NewsletterContext,
	client: NewsletterClient,
	uuid: string,
	notFound?: string,
): Promise<AsyncTask> {
	return await newsletterData<AsyncTask>(ctx, client, {
		path: apiPath`/1/async/tasks/${uuid}`,
		notFound,
	});
}

/**
 * Polls a task (each poll a paced request) until Infomaniak reports it executed, up to
 * `timeoutSeconds`. A failed task is an error carrying Infomaniak's explanation.
 */
export async function waitForTask(
	ctx: IExecuteFunctions,
	client: NewsletterClient,
	uuid: string,
	timeoutSeconds: number,
	itemIndex: number,
	notFound?: string,
): Promise<AsyncTask> {
	const deadline = Date.now() + timeoutSeconds * 1000;
	let delay = 250;
	for (;;) {
		const task = await getTask(ctx, client, uuid, notFound);
		if (task.status === 'failed') {
			const reason = JSON.stringify(task.error ?? {});
			throw new NodeOperationError(ctx.getNode(), `Infomaniak's task ${uuid} failed`, {
				itemIndex,
				description: reason === '{}' ? undefined : `Infomaniak reported: ${reason}`,
			});
		}
		if (FINISHED.includes(task.status)) return task;
		const remaining = deadline - Date.now();
		if (remaining <= 0)
			throw new NodeOperationError(
				ctx.getNode(),
				`Infomaniak had not finished the task after ${timeoutSeconds} s (task ${uuid}, ${task.status})`,
				{
					itemIndex,
					description:
						'It goes on in the background: check it later with "Utility → Get Task", or raise "Wait Timeout (Seconds)".',
				},
			);
		const waited = await waitUnlessAborted(
			Math.min(delay, remaining),
			ctx.getExecutionCancelSignal?.(),
		);
		if (!waited)
			throw new NodeOperationError(
				ctx.getNode(),
				`Stopped waiting for task ${uuid}: the execution was cancelled`,
				{
					itemIndex,
				},
			);
		delay = Math.min(delay * 2, 5_000);
	}
}
