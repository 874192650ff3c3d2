import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeType,
} from 'n8n-workflow';

import { requestSession } from '../../../nodes/shared/openstack/keystone';
import {
	serviceRequest,
	type ServiceCall,
	type ServiceName,
} from '../../../nodes/shared/openstack/resources/api';
import { credentialStore, openStackContext, runNode, runNodeFailing } from './context';
import { httpRequest } from './n8nCredentials';
import { memberAppCredential, openStackServers, passwordCredential } from './servers';

/**
 * What the tests of the infrastructure nodes (Compute, Block Storage, Network, Usage) share: the
 * member's credential with one token for a whole file, direct calls to check the server side
 * (through the same shared request, not through a node), the admin for what a member may not do,
 * and a cleanup list that runs even after a failure.
 */

export function memberRun(node: INodeType) {
	const store = credentialStore(memberAppCredential());
	const { ctx } = openStackContext(store);
	return {
		store,
		ctx,
		/** Runs the node; its output items' json. */
		run: async (params: IDataObject, options: { continueOnFail?: boolean; items?: number } = {}) =>
			(
				await runNode(node, store, {
					params,
					continueOnFail: options.continueOnFail,
					items: options.items
						? Array.from({ length: options.items }, () => ({ json: {} }))
						: undefined,
				})
			).json,
		/** Runs the node expecting it to fail; the error. */
		fail: async (params: IDataObject) => await runNodeFailing(node, store, { params }),
		/** A picker (listSearch method) of the node, as the editor calls it. */
		pick: async (method: string, filter?: string, paginationToken?: string) => {
			const search = (
				node.methods?.listSearch as
					| Record<
							string,
							(
								this: ILoadOptionsFunctions,
								filter?: string,
								token?: string,
							) => Promise<INodeListSearchResult>
					  >
					| undefined
			)?.[method];
			if (!search) throw new Error(`The node has no picker ${method}`);
			return await search.call(ctx as unknown as ILoadOptionsFunctions, filter, paginationToken);
		},
		/** A direct call, to check what the node did on the server side. */
		api: async <T = any>(service: ServiceName, call: ServiceCall) =>
			await serviceRequest<T>(ctx, service, call),
	};
}

/** A call as the cloud's admin (flavors, and what a member may not see). */
export async function adminCall<T = any>(
	method: string,
	url: string,
	body?: IDataObject,
	headers: Record<string, string> = {},
): Promise<T> {
	const session = await requestSession(httpRequest, passwordCredential('admin'), {});
	return (await httpRequest({
		method: method as 'GET',
		url,
		body,
		json: true,
		headers: { 'X-Auth-Token': session.token, ...headers },
	})) as T;
}

export function endpoint(service: string): string {
	return openStackServers().endpoints[service];
}

/** Things to delete at the end of a file, last made first; failures are reported, not thrown. */
export class Cleanup {
	private readonly steps: Array<{ label: string; run: () => Promise<unknown> }> = [];

	add(label: string, run: () => Promise<unknown>): void {
		this.steps.unshift({ label, run });
	}

	async run(): Promise<void> {
		const failures: string[] = [];
		for (const step of this.steps.splice(0)) {
			try {
				await step.run();
			} catch (error) {
				const status = (error as { httpCode?: string }).httpCode;
				if (status !== '404') failures.push(`${step.label}: ${(error as Error).message}`);
			}
		}
		if (failures.length > 0) console.warn(`cleanup left things behind:\n${failures.join('\n')}`);
	}
}

/**
 * Deletes something that may still be in use for a moment (a network whose ports Nova is
 * releasing): tries again until the delete succeeds or the thing is gone.
 */
export async function deleteEventually(
	what: string,
	remove: () => Promise<unknown>,
): Promise<void> {
	let lastError: unknown;
	await eventually(
		`${what} to be deletable (${String((lastError as Error | undefined)?.message ?? '')})`,
		async () => {
			try {
				await remove();
				return true;
			} catch (error) {
				if ((error as { httpCode?: string }).httpCode === '404') return true;
				if ((error as { httpCode?: string }).httpCode !== '409') throw error;
				lastError = error;
				return false;
			}
		},
		120_000,
	);
}

/** Polls `probe` until it returns true (each poll is a request; no fixed sleeps decide a test). */
export async function eventually(
	what: string,
	probe: () => Promise<boolean>,
	timeoutMs = 300_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await probe()) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`Timed out waiting for ${what}`);
}
