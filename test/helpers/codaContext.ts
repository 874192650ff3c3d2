import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Coda } from '../../nodes/Coda/Coda.node';
import type { CodaFake } from '../fakes/coda/server';
import { createFakeContext } from '../unit/transport/fakeContext';
import {
	createExecuteContext,
	rl,
	type ExecuteContextOptions,
	type Params,
} from './executeContext';

/**
 * Runs the Coda node's `execute` with a fake IExecuteFunctions whose
 * `httpRequestWithAuthentication` sends real HTTP (axios, Bearer token added like the
 * credential's `authenticate` block) to the Coda fake.
 */

export const CODA_NODE = { name: 'Coda', type: 'n8n-nodes-cloud-pack.coda' };
const description = new Coda().description;

export interface CodaRunOptions extends Omit<
	ExecuteContextOptions,
	'credentials' | 'description' | 'params'
> {
	params: Params | ((itemIndex: number) => Params);
	/** Credential data (default: the fake's token and URL). */
	credential?: IDataObject;
}

export function codaContext(fake: Pick<CodaFake, 'url' | 'token'>, options: CodaRunOptions) {
	const credential = options.credential ?? { apiToken: fake.token, baseUrl: fake.url };
	const exec = createExecuteContext({
		...options,
		description,
		credentials: { cloudPackCodaApi: credential },
		node: { ...CODA_NODE, ...options.node },
	});
	const http = createFakeContext({ credentials: { apiToken: credential.apiToken } });
	(exec.ctx.helpers as unknown as IDataObject).httpRequestWithAuthentication =
		http.ctx.helpers.httpRequestWithAuthentication;
	return { ...exec, calls: http.calls };
}

/** Executes the node and returns its (only) output. */
export async function runCoda(fake: Pick<CodaFake, 'url' | 'token'>, options: CodaRunOptions) {
	const context = codaContext(fake, options);
	const output = await new Coda().execute.call(context.ctx);
	return {
		...context,
		output: output[0] as INodeExecutionData[],
		json: output[0].map((item) => item.json),
	};
}

/** Runs the node expecting it to throw; returns the error. */
export async function runCodaFailing(
	fake: Pick<CodaFake, 'url' | 'token'>,
	options: CodaRunOptions,
) {
	const context = codaContext(fake, options);
	try {
		await new Coda().execute.call(context.ctx);
	} catch (error) {
		return error as NodeOperationError & { httpCode?: string | null; description?: string | null };
	}
	throw new Error('The Coda node succeeded but was expected to fail');
}

/** A load-options context for the pickers (listSearch), with the given current parameters. */
export function codaLoadOptionsContext(
	fake: Pick<CodaFake, 'url' | 'token'>,
	current: Params,
	credential?: IDataObject,
) {
	const data = credential ?? { apiToken: fake.token, baseUrl: fake.url };
	const http = createFakeContext({ credentials: { apiToken: data.apiToken } });
	const node = {
		id: 'coda-1',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
		...CODA_NODE,
	};
	const ctx = {
		getNode: () => node,
		async getCredentials(type: string) {
			if (type !== 'cloudPackCodaApi')
				throw new NodeOperationError(node, 'Node does not have any credentials set');
			return data;
		},
		getCurrentNodeParameter(name: string, options?: { extractValue?: boolean }) {
			const value = current[name] as { __rl?: boolean; value?: unknown } | undefined;
			if (options?.extractValue && value && typeof value === 'object' && value.__rl)
				return value.value;
			return value;
		},
		helpers: { httpRequestWithAuthentication: http.ctx.helpers.httpRequestWithAuthentication },
	} as unknown as ILoadOptionsFunctions;
	return { ctx, calls: http.calls };
}

export const listSearch = new Coda().methods.listSearch;

export { rl };

/** A resource-locator value in "By ID" mode. */
export const byId = (value: string) => rl(value, 'id');
