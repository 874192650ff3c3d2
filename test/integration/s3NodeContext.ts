import type { IBinaryData, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { Readable } from 'stream';

import { S3 } from '../../nodes/S3/S3.node';
import { swiftCredential } from './s3Support';

export const S3_NODE: INode = {
	id: 's3-node',
	name: 'S3 Object Storage',
	type: 'n8n-nodes-cloud-pack.s3',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

type Parameters = Record<string, unknown>;

function lookup(parameters: Parameters, name: string): unknown {
	return name
		.split('.')
		.reduce<unknown>(
			(value, part) =>
				value && typeof value === 'object' ? (value as Parameters)[part] : undefined,
			parameters,
		);
}

async function toBuffer(data: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(data)) return data;
	const chunks: Buffer[] = [];
	for await (const chunk of data) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * Just enough of n8n's IExecuteFunctions to run the S3 node's real `execute` against
 * Swift: parameters per item (resource locators included), input items, binary helpers
 * in n8n's default (in-memory, base64) binary mode, continueOnFail.
 */
export function executeContext(
	parameters: Parameters | ((itemIndex: number) => Parameters),
	items: INodeExecutionData[] = [{ json: {} }],
	options: { continueOnFail?: boolean; credentials?: Record<string, unknown> } = {},
): IExecuteFunctions {
	const paramsFor = (itemIndex: number) =>
		typeof parameters === 'function' ? parameters(itemIndex) : parameters;
	const ctx = {
		// n8n's node carries its (stored) parameters: resource and operation among them
		getNode: () => ({ ...S3_NODE, parameters: paramsFor(0) as INode['parameters'] }),
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => options.credentials ?? swiftCredential(),
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) {
			const value = lookup(paramsFor(itemIndex), name);
			if (value === undefined) return fallback;
			if (value && typeof value === 'object' && '__rl' in (value as Parameters)) {
				return extra?.extractValue ? (value as Parameters).value : value;
			}
			return value;
		},
		helpers: {
			async prepareBinaryData(
				data: Buffer | Readable,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				const buffer = await toBuffer(data);
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
					fileSize: String(buffer.length),
				} as IBinaryData;
			},
		},
	};
	return ctx as unknown as IExecuteFunctions;
}

export async function runS3Node(
	parameters: Parameters | ((itemIndex: number) => Parameters),
	items?: INodeExecutionData[],
	options?: { continueOnFail?: boolean; credentials?: Record<string, unknown> },
): Promise<INodeExecutionData[]> {
	const [output] = await new S3().execute.call(executeContext(parameters, items, options));
	return output;
}

export function binaryItem(
	content: Buffer | string,
	fileName = 'file.bin',
	mimeType = 'application/octet-stream',
): INodeExecutionData {
	const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
	return {
		json: { fileName },
		binary: { data: { data: buffer.toString('base64'), fileName, mimeType } as IBinaryData },
	};
}

export const rl = (value: string) => ({ __rl: true, mode: 'name', value });
export const keyRl = (value: string) => ({ __rl: true, mode: 'key', value });

/** The error a node run fails with (n8n's errors carry a description naming the parameter). */
export async function failure(
	promise: Promise<unknown>,
): Promise<Error & { description?: string }> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error & { description?: string };
}
