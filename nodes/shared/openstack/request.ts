import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	cloudRequest,
	cloudRequestAllItems,
	cloudRequestPages,
	type CloudPagination,
	type CloudRequest,
	type CloudRequestContext,
	type RetryPolicy,
} from '../transport';
import { endpointProblem } from '../transport/endpoint';
import { findEndpoint } from './catalog';
import { catalogEndpointRule, cloudTarget, OPENSTACK_CREDENTIAL } from './cloud';
import { findCredentialError, type OpenStackCredentialError } from './credentialErrors';
import { openStackFault, serviceLabel } from './faults';
import { CREDENTIAL_LABELS } from './keystone';
import { SESSION_FIELD, usableSession, type OpenStackSession } from './session';

/**
 * Every OpenStack request of the pack: the endpoint comes from the session's catalog (by
 * service type, region and interface), the token from n8n's expirable credential data, and the
 * request goes through the shared transport (retries, Retry-After, redaction). OpenStack error
 * bodies become clear messages. A node on this layer is only its descriptions and operations.
 */

export type OpenStackContext = CloudRequestContext;

export interface OpenStackCall {
	/** Catalog service type ('compute', 'object-store', 'block-storage'…); 'identity' is the Auth URL. */
	service: string;
	method?: IHttpRequestMethods;
	/** Appended to the service's endpoint ('' or '/servers/detail'); encode what you interpolate. */
	path?: string;
	/**
	 * The API version the path lies below ('v2.0' for Neutron, 'v2' for Glance and Octavia): added
	 * to the endpoint unless the catalog's URL already ends with it (clouds register both forms).
	 */
	apiVersion?: string;
	/** An absolute URL instead (a `next` link); it must be on the endpoint's host. */
	url?: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	body?: IHttpRequestOptions['body'];
	/** JSON request and answer (the default); false for raw bodies (Swift objects). */
	json?: boolean;
	encoding?: IHttpRequestOptions['encoding'];
	returnFullResponse?: boolean;
	/** `OpenStack-API-Version` (and the legacy header where a service has one). */
	microversion?: string;
	/** A POST the service makes safe to repeat. */
	retrySafe?: boolean;
	timeout?: number;
	policy?: Partial<RetryPolicy>;
}

/** Microversion headers per service type: the new header's service name, and a legacy one. */
const MICROVERSION_HEADERS: Record<string, { name: string; legacy?: string }> = {
	compute: { name: 'compute', legacy: 'X-OpenStack-Nova-API-Version' },
	'block-storage': { name: 'volume' },
	placement: { name: 'placement' },
	'shared-file-system': { name: 'sharev2', legacy: 'X-OpenStack-Manila-API-Version' },
	'load-balancer': { name: 'load-balancer' },
	'key-manager': { name: 'key-manager' },
};

export function microversionHeaders(service: string, version: string): Record<string, string> {
	const entry = MICROVERSION_HEADERS[service] ?? { name: service };
	return {
		'OpenStack-API-Version': `${entry.name} ${version}`,
		...(entry.legacy ? { [entry.legacy]: version } : {}),
	};
}

interface RunState {
	credentials: ICredentialDataDecryptedObject;
	renewal?: Promise<OpenStackSession>;
}

/** One credential copy per node run (context), which n8n updates in place when it renews the token. */
const runs = new WeakMap<object, Promise<RunState>>();

function runState(ctx: OpenStackContext): Promise<RunState> {
	let state = runs.get(ctx);
	if (!state) {
		state = ctx
			.getCredentials(OPENSTACK_CREDENTIAL)
			.then((credentials) => ({ credentials: { ...credentials } }));
		state.catch(() => runs.delete(ctx));
		runs.set(ctx, state);
	}
	return state;
}

function decrypted(state: RunState): ICredentialsDecrypted {
	return { id: '', name: '', type: OPENSTACK_CREDENTIAL, data: state.credentials };
}

/** The error a node shows for a credential that cannot give a token. */
function credentialFailure(
	ctx: OpenStackContext,
	error: OpenStackCredentialError,
): NodeOperationError {
	const label = error.field ? CREDENTIAL_LABELS[error.field] : undefined;
	const failure = new NodeOperationError(ctx.getNode(), error.message, {
		description: label
			? `Check the "${label}" of the OpenStack credential`
			: 'Check the OpenStack credential',
	});
	// n8n swaps messages that mention an OS error code (ECONNREFUSED…) for generic text: keep ours.
	failure.message = error.message;
	return failure;
}

/** The HTTP status of a failed request, when the service answered. */
export function httpStatusOf(error: unknown): number | undefined {
	const code = (error as { httpCode?: unknown })?.httpCode;
	const status = typeof code === 'string' ? Number(code) : typeof code === 'number' ? code : NaN;
	return Number.isInteger(status) ? status : undefined;
}

/** Runs a request; an answer with `status` (e.g. 403 where a cloud forbids a call) gives undefined. */
export async function unlessStatus<T>(
	status: number,
	run: () => Promise<T>,
): Promise<T | undefined> {
	try {
		return await run();
	} catch (error) {
		if (httpStatusOf(error) === status) return undefined;
		throw error;
	}
}

/** Restates a failed OpenStack request: credential problems plainly, service faults with their message. */
export function toOpenStackError(ctx: OpenStackContext, error: unknown, service: string): Error {
	const credentialError = findCredentialError(error);
	if (credentialError) return credentialFailure(ctx, credentialError);
	if (!(error instanceof NodeApiError)) return error as Error;
	const status = httpStatusOf(error);
	if (status === undefined) return error;
	const fault = openStackFault(error.context.providerBody);
	error.message = `${serviceLabel(service)} returned HTTP ${status}${fault ? `: ${fault}` : ''}`;
	return error;
}

/** Refreshes the session through n8n's own mechanism: an empty session makes n8n run preAuthentication. */
async function renewSession(ctx: OpenStackContext, state: RunState): Promise<OpenStackSession> {
	let authUrl: string;
	try {
		authUrl = cloudTarget(state.credentials).authUrl;
	} catch (error) {
		const credentialError = findCredentialError(error);
		throw credentialError ? credentialFailure(ctx, credentialError) : error;
	}
	state.credentials[SESSION_FIELD] = '';
	try {
		await cloudRequest(ctx, OPENSTACK_CREDENTIAL, {
			method: 'GET',
			url: `${authUrl}/auth/catalog`,
			json: true,
			credentialOptions: { credentialsDecrypted: decrypted(state) },
		});
	} catch (error) {
		throw toOpenStackError(ctx, error, 'identity');
	}
	const session = usableSession(state.credentials, Date.now(), 'none');
	if (!session) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Keystone issued a token, but n8n did not keep it with the OpenStack credential',
			{ description: 'Save the credential again, or check that the node uses a stored credential' },
		);
	}
	return session;
}

/**
 * The session of this run: the stored one while it is valid and obtained with the current
 * settings, else a new token (one renewal at a time, shared by every request in flight).
 */
export async function openStackSession(ctx: OpenStackContext): Promise<OpenStackSession> {
	let state: RunState;
	try {
		state = await runState(ctx);
	} catch (error) {
		throw toOpenStackError(ctx, error, 'identity');
	}
	const session = usableSession(state.credentials);
	if (session) return session;
	state.renewal ??= renewSession(ctx, state).finally(() => {
		state.renewal = undefined;
	});
	return await state.renewal;
}

/**
 * The base URL of a service in the session's catalog, or a clear error naming what is there.
 * An endpoint that breaks the endpoint rule is refused before any request is sent to it.
 */
export function serviceEndpoint(
	ctx: OpenStackContext,
	session: OpenStackSession,
	service: string,
): string {
	if (service === 'identity') return session.authUrl;
	const endpoint = findEndpoint(session.endpoints, service);
	if (!endpoint) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The catalog has no "${service}" service in region "${session.region}" (${session.interface} interface)`,
			{
				description: `Services there: ${Object.keys(session.endpoints).sort().join(', ') || 'none'}. Check the Region and Interface of the OpenStack credential.`,
			},
		);
	}
	const problem = endpointProblem(endpoint, catalogEndpointRule(service));
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, {
			description: `Keystone lists it for region "${session.region}" (${session.interface} interface). Check the "Interface" of the OpenStack credential, or ask the cloud's operator for an https:// endpoint.`,
		});
	}
	return endpoint;
}

/** `base` with `/{version}` appended, unless it already ends with it. */
export function withApiVersion(base: string, version: string | undefined): string {
	if (!version) return base;
	return base.toLowerCase().endsWith(`/${version.toLowerCase()}`) ? base : `${base}/${version}`;
}

async function toRequest(ctx: OpenStackContext, call: OpenStackCall): Promise<CloudRequest> {
	const session = await openStackSession(ctx);
	const state = await runState(ctx);
	const base = serviceEndpoint(ctx, session, call.service);
	let url = `${withApiVersion(base, call.apiVersion)}${call.path ?? ''}`;
	if (call.url) {
		if (new URL(call.url).origin !== new URL(base).origin) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${serviceLabel(call.service)} returned a link to another address (${new URL(call.url).origin})`,
				{
					description:
						"It was not followed, so that the token only goes to the cloud's own endpoints.",
				},
			);
		}
		url = call.url;
	}
	const json = call.json ?? true;
	return {
		method: call.method ?? 'GET',
		url,
		qs: call.qs,
		headers: {
			...(json ? { Accept: 'application/json' } : {}),
			...(call.microversion ? microversionHeaders(call.service, call.microversion) : {}),
			...call.headers,
		},
		body: call.body,
		json,
		encoding: call.encoding,
		returnFullResponse: call.returnFullResponse,
		retrySafe: call.retrySafe,
		timeout: call.timeout,
		sendCredentialsOnCrossOriginRedirect: false,
		credentialOptions: { credentialsDecrypted: decrypted(state) },
	};
}

/** One OpenStack request. */
export async function openStackRequest<T = any>(
	ctx: OpenStackContext,
	call: OpenStackCall,
): Promise<T> {
	const request = await toRequest(ctx, call);
	try {
		return await cloudRequest<T>(ctx, OPENSTACK_CREDENTIAL, request, call.policy);
	} catch (error) {
		throw toOpenStackError(ctx, error, call.service);
	}
}

export interface MarkerPaging<TItem> {
	/** Key of the item array in the answer ('servers'); omit when the answer is the array (Swift). */
	itemsKey?: string;
	/** Stop after this many items; undefined for all ("Return All"). */
	limit?: number;
	/** Items asked per page (the service may cap it lower); default 1000. */
	pageSize?: number;
	/** The `marker` of the next page: the last item's id by default. */
	markerOf?: (item: TItem) => string | undefined;
}

function nextLink(response: unknown, itemsKey?: string): boolean | undefined {
	if (!response || typeof response !== 'object' || Array.isArray(response)) return undefined;
	const body = response as Record<string, unknown>;
	const links = body[`${itemsKey}_links`] ?? body.links;
	if (Array.isArray(links)) return links.some((link) => (link as { rel?: string })?.rel === 'next');
	if (links && typeof links === 'object') return Boolean((links as { next?: unknown }).next);
	if (typeof body.next === 'string') return true; // Glance
	return undefined;
}

function pagination<TItem>(paging: MarkerPaging<TItem>, pageSize: number): CloudPagination {
	const markerOf = paging.markerOf ?? ((item: TItem) => (item as { id?: string } | undefined)?.id);
	return {
		itemsPath: paging.itemsKey,
		limit: paging.limit,
		nextPage(response, previous) {
			const items = (paging.itemsKey ? response?.[paging.itemsKey] : response) as
				TItem[] | undefined;
			if (!Array.isArray(items) || items.length === 0) return undefined;
			const linked = nextLink(response, paging.itemsKey);
			if (linked === false || (linked === undefined && items.length < pageSize)) return undefined;
			const marker = markerOf(items[items.length - 1]);
			return marker ? { qs: { ...previous.qs, marker } } : undefined;
		},
	};
}

/** The items of a marker/limit list, page after page, up to `limit` (or all of them). */
export async function openStackRequestAll<TItem = IDataObject>(
	ctx: OpenStackContext,
	call: OpenStackCall,
	paging: MarkerPaging<TItem>,
): Promise<TItem[]> {
	const pageSize = Math.min(paging.pageSize ?? 1000, paging.limit ?? Infinity);
	const request = await toRequest(ctx, { ...call, qs: { ...call.qs, limit: pageSize } });
	try {
		return await cloudRequestAllItems<TItem>(
			ctx,
			OPENSTACK_CREDENTIAL,
			request,
			pagination(paging, pageSize),
			call.policy,
		);
	} catch (error) {
		throw toOpenStackError(ctx, error, call.service);
	}
}

/** The pages of a marker/limit list one by one (to act on each before fetching the next). */
export async function* openStackPages<TItem = IDataObject>(
	ctx: OpenStackContext,
	call: OpenStackCall,
	paging: MarkerPaging<TItem>,
): AsyncGenerator<TItem[], void, undefined> {
	const pageSize = paging.pageSize ?? 1000;
	const request = await toRequest(ctx, { ...call, qs: { ...call.qs, limit: pageSize } });
	try {
		for await (const page of cloudRequestPages<TItem>(
			ctx,
			OPENSTACK_CREDENTIAL,
			request,
			pagination(paging, pageSize),
			call.policy,
		)) {
			yield page.items;
		}
	} catch (error) {
		throw toOpenStackError(ctx, error, call.service);
	}
}
