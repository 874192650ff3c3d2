import axios from 'axios';
import type { AxiosRequestConfig } from 'axios';
import { Agent } from 'node:http';
import { Readable } from 'stream';
import { isObjectEmpty, NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';

import { CloudPackReductStoreApi } from '../../credentials/CloudPackReductStoreApi.credentials';
import { ReductStore } from '../../nodes/ReductStore/ReductStore.node';
import { ReductStoreTrigger } from '../../nodes/ReductStore/ReductStoreTrigger.node';
import { createExecuteContext, type ExecuteContext, type Params } from './executeContext';

/**
 * Contexts for running the ReductStore node and trigger against a real HTTP server (the fake in
 * test/fakes/reductstore) the way n8n 2.x does: the credential's own `authenticate` runs, the
 * request goes out through axios with n8n's body rules (a body n8n considers empty is not sent),
 * and failures come back wrapped in NodeApiError like n8n-core wraps them.
 */

export const REDUCT_NODE: Partial<INode> = {
	name: 'ReductStore',
	type: 'n8n-nodes-cloud-pack.reductStore',
};

const credentialType = new CloudPackReductStoreApi();
const NO_KEEP_ALIVE = new Agent({ keepAlive: false });

export interface HttpLog {
	method: string;
	url: string;
	headers: Record<string, string>;
	/** bytes of the request body as sent (undefined for a stream) */
	bodyBytes?: number;
	/** the body was a stream, sent as it was read */
	streamed: boolean;
}

function toAxios(options: IHttpRequestOptions): AxiosRequestConfig {
	const config: AxiosRequestConfig = {
		url: options.url,
		baseURL: options.baseURL,
		method: (options.method ?? 'GET').toUpperCase(),
		headers: { 'User-Agent': 'n8n', ...(options.headers ?? {}) } as AxiosRequestConfig['headers'],
		params: options.qs,
		timeout: options.timeout,
		responseType: options.encoding,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		httpAgent: NO_KEEP_ALIVE,
	};
	const body = options.body as unknown;
	// n8n-core's rule: only strings and objects it does not consider empty are sent
	if (
		body &&
		(typeof body === 'string' || (typeof body === 'object' && !isObjectEmpty(body as object)))
	) {
		config.data = body;
	}
	if (config.method === 'GET' || config.method === 'HEAD') delete config.data;
	if (
		options.json &&
		!Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'accept')
	) {
		(config.headers as Record<string, string>).Accept = 'application/json';
	}
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	return config;
}

/** n8n's httpRequestWithAuthentication, for one credential's data. */
export function httpRequestWithAuthentication(
	node: () => INode,
	credentials: () => IDataObject,
	log: HttpLog[],
) {
	return async function (_type: string, requestOptions: IHttpRequestOptions): Promise<unknown> {
		const authenticate = credentialType.authenticate as (
			credentials: IDataObject,
			options: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const options = await authenticate(credentials(), {
			...requestOptions,
			headers: { ...requestOptions.headers },
		});
		const config = toAxios(options);
		const body = config.data as unknown;
		log.push({
			method: String(config.method),
			url: `${config.url}${config.params ? `?${new URLSearchParams(config.params as Record<string, string>)}` : ''}`,
			headers: Object.fromEntries(
				Object.entries(config.headers ?? {}).map(([name, value]) => [
					name.toLowerCase(),
					String(value),
				]),
			),
			bodyBytes: Buffer.isBuffer(body)
				? body.length
				: typeof body === 'string'
					? Buffer.byteLength(body)
					: undefined,
			streamed: body instanceof Readable,
		});
		try {
			const response = await axios.request(config);
			if (options.returnFullResponse) {
				return {
					body: response.data,
					headers: response.headers,
					statusCode: response.status,
					statusMessage: response.statusText,
				};
			}
			return response.data;
		} catch (error) {
			throw new NodeApiError(node(), error as never);
		}
	};
}

export interface ReductContextOptions {
	url: string;
	token?: string;
	params: Params | ((itemIndex: number) => Params);
	items?: INodeExecutionData[];
	/** Input items carrying a binary property `data` each, stored like n8n's filesystem mode. */
	files?: Array<{
		text: string | Buffer;
		fileName?: string;
		mimeType?: string;
		json?: IDataObject;
	}>;
	continueOnFail?: boolean;
}

export interface ReductContext extends ExecuteContext {
	http: HttpLog[];
	run(): Promise<INodeExecutionData[]>;
}

const nodeDescription = new ReductStore().description;

/** An execute context for the ReductStore node, its requests sent for real. */
export function createReductContext(options: ReductContextOptions): ReductContext {
	const credentials = {
		url: options.url,
		apiToken: options.token ?? '',
		allowUnauthorizedCerts: false,
	};
	const items: INodeExecutionData[] = options.items ?? (options.files ? [] : [{ json: {} }]);
	const context = createExecuteContext({
		params: options.params,
		items,
		continueOnFail: options.continueOnFail,
		credentials: { cloudPackReductStoreApi: credentials },
		description: nodeDescription,
		node: REDUCT_NODE,
	});
	const http: HttpLog[] = [];
	const helpers = context.ctx.helpers as unknown as Record<string, unknown>;
	helpers.httpRequestWithAuthentication = httpRequestWithAuthentication(
		() => context.ctx.getNode(),
		() => credentials,
		http,
	);
	for (const file of options.files ?? []) {
		items.push({
			json: file.json ?? {},
			binary: { data: context.putBinary(file.text, file.fileName, file.mimeType) },
		});
	}
	return {
		...context,
		http,
		async run() {
			const output = await new ReductStore().execute.call(context.ctx as IExecuteFunctions);
			return output[0];
		},
	};
}

/** Runs the node once and returns its items (or throws its error). */
export async function runNode(
	options: ReductContextOptions,
): Promise<{ items: INodeExecutionData[]; context: ReductContext }> {
	const context = createReductContext(options);
	return { items: await context.run(), context };
}

export interface PollContextOptions {
	url: string;
	token?: string;
	params: Params;
	mode?: 'trigger' | 'manual';
	staticData?: IDataObject;
}

export interface PollContext {
	ctx: IPollFunctions;
	staticData: IDataObject;
	http: HttpLog[];
	binaries: Map<string, Buffer>;
	poll(): Promise<INodeExecutionData[] | null>;
	bytesOf(binary: IBinaryData | undefined): Buffer;
}

const triggerDescription = new ReductStoreTrigger().description;

/** A poll context for the ReductStore Trigger. */
export function createPollContext(options: PollContextOptions): PollContext {
	const credentials = {
		url: options.url,
		apiToken: options.token ?? '',
		allowUnauthorizedCerts: false,
	};
	const staticData = options.staticData ?? {};
	const http: HttpLog[] = [];
	const binaries = new Map<string, Buffer>();
	const node: INode = {
		id: 'trigger-under-test',
		name: 'ReductStore Trigger',
		type: 'n8n-nodes-cloud-pack.reductStoreTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const defaults: Params = {};
	for (const property of triggerDescription.properties) defaults[property.name] = property.default;
	const params = { ...defaults, ...options.params };
	node.parameters = params as INode['parameters'];
	let nextId = 0;
	const ctx = {
		getNode: () => node,
		getMode: () => options.mode ?? 'trigger',
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => credentials,
		getNodeParameter(name: string, fallback?: unknown, getOptions?: { extractValue?: boolean }) {
			let value = params[name];
			if (value === undefined) {
				if (fallback === undefined)
					throw new NodeOperationError(node, `Could not get parameter "${name}"`);
				return fallback;
			}
			if (
				getOptions?.extractValue &&
				value &&
				typeof value === 'object' &&
				(value as { __rl?: boolean }).__rl
			) {
				value = (value as { value: unknown }).value;
			}
			return value;
		},
		helpers: {
			httpRequestWithAuthentication: httpRequestWithAuthentication(
				() => node,
				() => credentials,
				http,
			),
			async prepareBinaryData(
				data: Buffer | Readable,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				const chunks: Buffer[] = [];
				if (Buffer.isBuffer(data)) chunks.push(data);
				else
					for await (const chunk of data)
						chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
				const bytes = Buffer.concat(chunks);
				const id = `filesystem-v2:poll/${nextId++}`;
				binaries.set(id, bytes);
				return {
					data: 'filesystem-v2',
					id,
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
					fileSize: `${bytes.length} B`,
				};
			},
		},
	} as unknown as IPollFunctions;
	return {
		ctx,
		staticData,
		http,
		binaries,
		async poll() {
			const result = await new ReductStoreTrigger().poll.call(ctx);
			return result ? result[0] : null;
		},
		bytesOf(binary) {
			if (!binary?.id) throw new Error('No binary');
			return binaries.get(binary.id) ?? Buffer.alloc(0);
		},
	};
}

/** A resource-locator value, as n8n stores it. */
export function byName(value: string) {
	return { __rl: true, mode: 'name', value };
}
