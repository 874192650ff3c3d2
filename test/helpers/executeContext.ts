import { randomUUID } from 'crypto';
import * as path from 'path';
import { Readable } from 'stream';
import { NodeHelpers, NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypeDescription,
	ResolvedFilePath,
} from 'n8n-workflow';

/**
 * A small fake of n8n's IExecuteFunctions: enough to run a node's `execute` in a unit test.
 * Binary data lives in memory, keyed by id, the way n8n's filesystem mode keys it on disk.
 */

export type Params = Record<string, unknown>;

export interface ExecuteContextOptions {
	/** The node's parameters; a function gives different values per item. */
	params: Params | ((itemIndex: number) => Params);
	/** Input items; one empty item when absent. */
	items?: INodeExecutionData[];
	/** Credentials by type. A missing type throws like n8n does. */
	credentials?: Record<string, IDataObject>;
	continueOnFail?: boolean;
	/**
	 * When given, unset parameters get their defaults from this description, the way n8n
	 * resolves a stored node's parameters before running it.
	 */
	description?: INodeTypeDescription;
	/** Paths n8n's file-access rules forbid (prefix match on the resolved path). */
	blockedPaths?: string[];
	/** When set, only paths below these are allowed (like N8N_RESTRICT_FILE_ACCESS_TO). */
	allowedPaths?: string[];
	node?: Partial<INode>;
}

export interface StoredBinary {
	bytes: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface ExecuteContext {
	ctx: IExecuteFunctions;
	/** Binary data stored by prepareBinaryData or putBinary, by id. */
	binaries: Map<string, StoredBinary>;
	/** Stores bytes the way n8n's filesystem mode does and returns the IBinaryData that refers to them. */
	putBinary(bytes: Buffer | string, fileName?: string, mimeType?: string): IBinaryData;
	/** The bytes an output binary property refers to. */
	bytesOf(binary: IBinaryData | undefined): Buffer;
	/** Streams handed out by getBinaryStream, to check they were consumed or closed. */
	openedStreams: Readable[];
	/** Credential types asked for, in order. */
	credentialRequests: string[];
}

export const TEST_NODE: INode = {
	id: 'node-under-test',
	name: 'Cloud Storage',
	type: 'n8n-nodes-cloud-pack.cloudStorage',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function isResourceLocator(value: unknown): value is { __rl: true; mode: string; value: unknown } {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

async function consume(data: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(data)) return data;
	const chunks: Buffer[] = [];
	for await (const chunk of data)
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	return Buffer.concat(chunks);
}

export function createExecuteContext(options: ExecuteContextOptions): ExecuteContext {
	// n8n's node carries its (stored) parameters: resource and operation among them
	const storedParameters =
		typeof options.params === 'function' ? options.params(0) : options.params;
	const node: INode = {
		...TEST_NODE,
		...options.node,
		parameters: { ...(storedParameters as INodeParameters), ...options.node?.parameters },
	};
	const items = options.items ?? [{ json: {} }];
	const binaries = new Map<string, StoredBinary>();
	const openedStreams: Readable[] = [];
	const credentialRequests: string[] = [];

	const paramsFor = (itemIndex: number): Params => {
		const raw = typeof options.params === 'function' ? options.params(itemIndex) : options.params;
		if (!options.description) return raw;
		const resolved = NodeHelpers.getNodeParameters(
			options.description.properties,
			raw as INodeParameters,
			true,
			false,
			{ typeVersion: node.typeVersion },
			options.description,
		);
		return { ...(resolved ?? {}), ...raw };
	};

	const putBinary = (bytes: Buffer | string, fileName?: string, mimeType?: string): IBinaryData => {
		const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
		const id = `filesystem-v2:test/${randomUUID()}`;
		binaries.set(id, { bytes: buffer, fileName, mimeType });
		return {
			data: 'filesystem-v2',
			id,
			mimeType: mimeType ?? 'application/octet-stream',
			fileName,
			fileSize: `${buffer.length} B`,
			bytes: buffer.length,
		};
	};

	const stored = (id: string): StoredBinary => {
		const entry = binaries.get(id);
		if (!entry) throw new Error(`No binary data with id "${id}"`);
		return entry;
	};

	const helpers = {
		async prepareBinaryData(
			data: Buffer | Readable,
			filePath?: string,
			mimeType?: string,
		): Promise<IBinaryData> {
			const bytes = await consume(data);
			return putBinary(bytes, filePath ? path.basename(filePath) : undefined, mimeType);
		},
		async getBinaryStream(id: string): Promise<Readable> {
			const stream = Readable.from([stored(id).bytes]);
			openedStreams.push(stream);
			return stream;
		},
		async getBinaryMetadata(id: string) {
			const entry = stored(id);
			return { fileName: entry.fileName, mimeType: entry.mimeType, fileSize: entry.bytes.length };
		},
		async binaryToBuffer(data: Buffer | Readable) {
			return await consume(data);
		},
		async resolvePath(p: string): Promise<ResolvedFilePath> {
			return path.resolve(String(p)) as ResolvedFilePath;
		},
		isFilePathBlocked(resolved: ResolvedFilePath): boolean {
			const inside = (prefix: string) =>
				resolved === prefix || resolved.startsWith(prefix.replace(/\/+$/, '') + '/');
			if (options.blockedPaths?.some(inside)) return true;
			if (options.allowedPaths && !options.allowedPaths.some(inside)) return true;
			return false;
		},
		returnJsonArray(data: IDataObject | IDataObject[]): INodeExecutionData[] {
			return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
		},
	};

	const ctx = {
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			getOptions?: IGetNodeParameterOptions,
		) {
			if (itemIndex < 0 || itemIndex >= items.length)
				throw new Error(`Item index ${itemIndex} is out of range`);
			const params = paramsFor(itemIndex);
			let value = name
				.split('.')
				.reduce<unknown>((acc, part) => (acc as Params | undefined)?.[part], params);
			if (value === undefined) {
				if (fallback === undefined) {
					throw new NodeOperationError(node, `Could not get parameter "${name}"`, { itemIndex });
				}
				return fallback;
			}
			if (getOptions?.extractValue && isResourceLocator(value)) value = value.value;
			return value;
		},
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		async getCredentials(type: string) {
			credentialRequests.push(type);
			const credentials = options.credentials?.[type];
			if (!credentials)
				throw new NodeOperationError(node, 'Node does not have any credentials set');
			return credentials;
		},
		getMode: () => 'manual',
		helpers,
	};

	return {
		ctx: ctx as unknown as IExecuteFunctions,
		binaries,
		putBinary,
		bytesOf(binary) {
			if (!binary) throw new Error('No binary property');
			if (binary.id) return stored(binary.id).bytes;
			return Buffer.from(binary.data, 'base64');
		},
		openedStreams,
		credentialRequests,
	};
}

/** A resource-locator parameter value, as n8n stores it. */
export function rl(value: string, mode = 'name'): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode, value };
}
