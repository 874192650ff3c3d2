import axios, { type AxiosRequestConfig } from 'axios';
import { Agent } from 'node:http';
import { Readable } from 'stream';
import { NodeApiError } from 'n8n-workflow';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { CloudPackOpenStackApi } from '../../../credentials/CloudPackOpenStackApi.credentials';

/**
 * What n8n-core does with a credential that has `preAuthentication` and an expirable field
 * (n8n 2.40 `httpRequestWithAuthentication` + CredentialsHelper.preAuthentication): run
 * preAuthentication when the field is empty, store its output with the credential (here: in
 * `store.data`) and merge it into the data in use; authenticate; on a 401 run it again and
 * repeat the request once, unless the body was a stream. Requests really go out (axios).
 */

const NO_KEEP_ALIVE = new Agent({ keepAlive: false });

export interface CredentialStore {
	/** What n8n's database holds for the credential. */
	data: ICredentialDataDecryptedObject;
	/** How many times n8n stored a new token. */
	updates: number;
	/** Every request sent (after authenticate), in order. */
	sent: IHttpRequestOptions[];
}

function toAxios(options: IHttpRequestOptions): AxiosRequestConfig {
	const headers: Record<string, unknown> = { ...(options.headers ?? {}) };
	if (options.json && !Object.keys(headers).some((name) => name.toLowerCase() === 'accept')) {
		headers.Accept = 'application/json';
	}
	const method = (options.method ?? 'GET').toUpperCase();
	return {
		url: options.url,
		baseURL: options.baseURL,
		method,
		headers: headers as AxiosRequestConfig['headers'],
		params: options.qs,
		data: method === 'GET' || method === 'HEAD' ? undefined : options.body,
		timeout: options.timeout,
		responseType: options.encoding,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		httpAgent: NO_KEEP_ALIVE,
		maxRedirects: options.disableFollowRedirect ? 0 : undefined,
	};
}

/** n8n's plain `httpRequest`: errors are axios errors. */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request(toAxios(options));
	if (options.returnFullResponse) {
		return { body: response.data, headers: response.headers, statusCode: response.status };
	}
	return response.data;
}

const credential = new CloudPackOpenStackApi();

export function createCredentialRuntime(store: CredentialStore, node: INode) {
	async function preAuthenticate(
		data: ICredentialDataDecryptedObject,
		expired: boolean,
	): Promise<void> {
		if (data.session !== '' && !expired) return;
		const output = await credential.preAuthentication.call(
			{ helpers: { httpRequest } } as never,
			data,
		);
		store.data = { ...store.data, ...output };
		store.updates++;
		Object.assign(data, output);
	}

	async function send(options: IHttpRequestOptions): Promise<unknown> {
		store.sent.push(options);
		return await httpRequest(options);
	}

	return async function httpRequestWithAuthentication(
		_type: string,
		requestOptions: IHttpRequestOptions,
		additional?: IAdditionalCredentialOptions,
	): Promise<unknown> {
		const data = additional?.credentialsDecrypted?.data ?? { ...store.data };
		let sent = false;
		try {
			await preAuthenticate(data, false);
			const options = await credential.authenticate(data, requestOptions);
			sent = true;
			return await send(options);
		} catch (error) {
			const status = (error as { response?: { status?: number } }).response?.status;
			if (status === 401) {
				try {
					await preAuthenticate(data, true);
					if (sent && requestOptions.body instanceof Readable)
						throw new NodeApiError(node, error as never);
					return await send(await credential.authenticate(data, requestOptions));
				} catch (retryError) {
					throw new NodeApiError(node, retryError as never);
				}
			}
			throw new NodeApiError(node, error as never);
		}
	};
}
