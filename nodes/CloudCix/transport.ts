import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { NodeApiError } from 'n8n-workflow';

import { toNodeError } from '../shared/node/errors';
import { cloudRequest, cloudRequestPages, type CloudRequest } from '../shared/transport';
import { toCloudCixError } from './errors';
import { applicationUrl, CLOUDCIX_CREDENTIAL, isSessionDue, TOKEN_FIELD } from './session';

/**
 * The CloudCIX node's layer over the shared transport: application URLs from the credential,
 * the expirable login token (renewed by n8n shortly before it runs out), CloudCIX's 0-based
 * `page` + `limit` paging that stops on `_metadata.total_records`, and its error bodies.
 */

/** CloudCIX's cap on `limit` (framework `max_list_limit`). */
export const MAX_PAGE_SIZE = 100;

/** What every request of a run needs from the credential, read once. */
export interface CloudCixClient {
	apiUrl: string;
	insecure: boolean;
}

export async function connect(ctx: IExecuteFunctions): Promise<CloudCixClient> {
	const credentials = await ctx.getCredentials(CLOUDCIX_CREDENTIAL);
	const apiUrl = String(credentials.apiUrl ?? '');
	applicationUrl(apiUrl, 'membership'); // refuses an API URL that is not one, before any request
	return { apiUrl, insecure: credentials.allowUnauthorizedCerts === true };
}

export interface CloudCixCall {
	method: IHttpRequestMethods;
	/** The application's host label, e.g. "membership". */
	application: string;
	/** Path below the application's base URL, ids filled in and encoded, ending in "/". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	returnFullResponse?: boolean;
	/** What to check when CloudCIX answers 404. */
	notFoundHint: string;
}

function toRequest(client: CloudCixClient, call: CloudCixCall): CloudRequest {
	return {
		method: call.method,
		url: applicationUrl(client.apiUrl, call.application) + call.path,
		qs: call.qs,
		body: call.body,
		json: true,
		returnFullResponse: call.returnFullResponse,
		skipSslCertificateValidation: client.insecure,
		expirableToken: { field: TOKEN_FIELD, due: (credentials) => isSessionDue(credentials) },
	};
}

function errorContext(request: CloudRequest, call: CloudCixCall) {
	return { request: `${call.method} ${request.url}`, notFoundHint: call.notFoundHint };
}

/** One CloudCIX request; failures carry CloudCIX's error code and message. */
export async function cloudCixRequest<T = IDataObject>(
	ctx: IExecuteFunctions,
	client: CloudCixClient,
	call: CloudCixCall,
): Promise<T> {
	const request = toRequest(client, call);
	try {
		return await cloudRequest<T>(ctx, CLOUDCIX_CREDENTIAL, request);
	} catch (error) {
		throw toCloudCixError(error, errorContext(request, call));
	}
}

export interface ListMetadata extends IDataObject {
	total_records?: number;
	page?: number;
	limit?: number;
	order?: string;
	warnings?: string[];
}

export interface ListPage {
	content: IDataObject[];
	metadata: ListMetadata;
}

interface ListResponse {
	content?: IDataObject[];
	_metadata?: ListMetadata;
}

function toPage(response: ListResponse | undefined): ListPage {
	return {
		content: Array.isArray(response?.content) ? response.content : [],
		metadata: response?._metadata ?? {},
	};
}

/** One page of a list (`qs` holds page, limit, order and the filters). */
export async function cloudCixPage(
	ctx: IExecuteFunctions,
	client: CloudCixClient,
	call: CloudCixCall,
): Promise<ListPage> {
	return toPage(await cloudCixRequest<ListResponse>(ctx, client, { ...call, method: 'GET' }));
}

/**
 * Every page of a list from page 0, `pageSize` records each, until `_metadata.total_records`
 * are covered (counted with the limit CloudCIX says it applied) or a page comes back empty.
 */
export async function* cloudCixPages(
	ctx: IExecuteFunctions,
	client: CloudCixClient,
	call: CloudCixCall,
	pageSize: number,
): AsyncGenerator<ListPage, void, undefined> {
	const request = toRequest(client, {
		...call,
		method: 'GET',
		qs: { ...call.qs, page: 0, limit: pageSize },
	});
	try {
		for await (const { response } of cloudRequestPages<IDataObject, ListResponse>(
			ctx,
			CLOUDCIX_CREDENTIAL,
			request,
			{
				nextPage: (response, previous) => {
					const { content, metadata } = toPage(response);
					const page = Number(previous.qs?.page ?? 0);
					const limit = typeof metadata.limit === 'number' ? metadata.limit : pageSize;
					const total = typeof metadata.total_records === 'number' ? metadata.total_records : 0;
					if (content.length === 0 || (page + 1) * limit >= total) return undefined;
					return { qs: { ...previous.qs, page: page + 1 } };
				},
			},
		)) {
			yield toPage(response);
		}
	} catch (error) {
		throw toCloudCixError(error, errorContext(request, { ...call, method: 'GET' }));
	}
}

/** HEAD: the status and headers, or `undefined` when CloudCIX answers 404. */
export async function cloudCixHead(
	ctx: IExecuteFunctions,
	client: CloudCixClient,
	call: CloudCixCall,
): Promise<IN8nHttpFullResponse | undefined> {
	try {
		return await cloudCixRequest<IN8nHttpFullResponse>(ctx, client, {
			...call,
			method: 'HEAD',
			returnFullResponse: true,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw toNodeError(ctx.getNode(), error);
	}
}
