import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { createExecuteContext, type ExecuteContextOptions, type Params } from '../executeContext';
import { createCredentialRuntime, type CredentialStore } from './n8nCredentials';

/**
 * Runs an OpenStack node (or shared-layer code) with a fake IExecuteFunctions whose credential
 * behaves like n8n's: read from `store` ("the database") on each getCredentials, tokens obtained
 * by the credential's preAuthentication and stored back, renewed after a 401.
 */

export function credentialStore(data: Record<string, unknown>): CredentialStore {
	return { data: { ...data } as CredentialStore['data'], updates: 0, sent: [] };
}

export interface OpenStackRunOptions extends Omit<ExecuteContextOptions, 'credentials' | 'params'> {
	params?: Params | ((itemIndex: number) => Params);
}

export function openStackContext(store: CredentialStore, options: OpenStackRunOptions = {}) {
	const exec = createExecuteContext({ ...options, params: options.params ?? {} });
	const node = exec.ctx.getNode();
	const ctx = exec.ctx as unknown as IDataObject & { helpers: IDataObject };
	ctx.getCredentials = async () => ({ ...store.data });
	ctx.helpers.httpRequestWithAuthentication = createCredentialRuntime(store, node);
	return { ...exec, ctx: exec.ctx as IExecuteFunctions };
}

/** Executes a node's `execute` and returns its first output. */
export async function runNode(
	node: INodeType,
	store: CredentialStore,
	options: OpenStackRunOptions,
) {
	const context = openStackContext(store, { ...options, description: node.description });
	const output = (await node.execute!.call(context.ctx)) as INodeExecutionData[][];
	return { ...context, output: output[0], json: output[0].map((item) => item.json) };
}

/** Executes a node expecting it to throw; returns the error. */
export async function runNodeFailing(
	node: INodeType,
	store: CredentialStore,
	options: OpenStackRunOptions,
) {
	const context = openStackContext(store, { ...options, description: node.description });
	try {
		await node.execute!.call(context.ctx);
	} catch (error) {
		return error as Error & { description?: string | null; httpCode?: string | null };
	}
	throw new Error('The node succeeded but was expected to fail');
}
