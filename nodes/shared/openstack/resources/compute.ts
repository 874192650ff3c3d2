import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { waitForStatus } from '../wait';
import type { OpenStackContext } from '../request';
import { serviceRequest, serviceRequestAll, KEYPAIR_MICROVERSION } from './api';
import { UUID, unlessMissing, type Finder } from './lookup';
import { tidy } from './output';

/** Nova servers, flavors and key pairs as the infrastructure nodes find, show and wait for them. */

export interface NovaServer extends IDataObject {
	id: string;
	name: string;
	status: string;
	'OS-EXT-STS:task_state'?: string | null;
	fault?: { code?: number; message?: string; details?: string; created?: string };
	addresses?: Record<string, Array<{ addr: string; version: number }>>;
}

export interface NovaFlavor extends IDataObject {
	id: string;
	name: string;
	vcpus: number;
	ram: number;
	disk: number;
}

/** Regex-escaped, anchored: Nova's `name` filter is a regular expression. */
export function exactNameFilter(name: string): string {
	return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

export async function getServer(ctx: OpenStackContext, id: string): Promise<NovaServer> {
	const { server } = await serviceRequest<{ server: NovaServer }>(ctx, 'compute', {
		path: `/servers/${encodeURIComponent(id)}`,
	});
	return server;
}

export const serverFinder: Finder<NovaServer> = {
	kind: 'server',
	idPattern: UUID,
	byId: async (ctx, id) => await unlessMissing(() => getServer(ctx, id)),
	byName: async (ctx, name) =>
		(
			await serviceRequest<{ servers: NovaServer[] }>(ctx, 'compute', {
				path: '/servers/detail',
				qs: { name: exactNameFilter(name) },
			})
		).servers ?? [],
	idOf: (server) => server.id,
	nameOf: (server) => server.name,
};

export const flavorFinder: Finder<NovaFlavor> = {
	kind: 'flavor',
	listsAll: true,
	byId: async (ctx, id) =>
		await unlessMissing(
			async () =>
				(
					await serviceRequest<{ flavor: NovaFlavor }>(ctx, 'compute', {
						path: `/flavors/${encodeURIComponent(id)}`,
					})
				).flavor,
		),
	byName: async (ctx) =>
		await serviceRequestAll<NovaFlavor>(
			ctx,
			'compute',
			{ path: '/flavors/detail' },
			{ itemsKey: 'flavors' },
		),
	idOf: (flavor) => flavor.id,
	nameOf: (flavor) => flavor.name,
};

const POWER_STATES: Record<number, string> = {
	0: 'NOSTATE',
	1: 'RUNNING',
	3: 'PAUSED',
	4: 'SHUTDOWN',
	6: 'CRASHED',
	7: 'SUSPENDED',
};

/** A server in the node's words: its addresses as a flat list, its fault message when in ERROR. */
export function describeServer(server: NovaServer): IDataObject {
	const out = tidy(server);
	delete out.adminPass;
	const ipAddresses = Object.values(server.addresses ?? {})
		.flat()
		.map((address) => address.addr);
	const powerState = out.powerState;
	const flavor = out.flavor as IDataObject | undefined;
	return {
		id: server.id,
		name: server.name,
		status: server.status,
		...(server.fault?.message ? { faultMessage: server.fault.message } : {}),
		...(flavor?.originalName ? { flavorName: flavor.originalName } : {}),
		ipAddresses,
		...out,
		...(typeof powerState === 'number'
			? { powerStateName: POWER_STATES[powerState] ?? String(powerState) }
			: {}),
	};
}

/** Status for waiting: a server busy with a task is not yet where the task leads. */
function serverProgress(server: NovaServer): string {
	if (server.status === 'ERROR') return 'ERROR';
	const task = server['OS-EXT-STS:task_state'];
	return task ? `${server.status} (${task})` : server.status;
}

export interface ServerWait {
	until: string[];
	/** Undefined: the user does not want to wait; the server is read once, as it is. */
	timeoutSeconds: number | undefined;
	untilGone?: boolean;
}

/** Polls a server until it reaches one of `until` with no task running, or fails with its fault. */
export async function waitForServer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	server: { id: string; name?: string },
	wait: ServerWait,
): Promise<NovaServer | undefined> {
	if (wait.timeoutSeconds === undefined) return await getServer(ctx, server.id);
	const result = await waitForStatus<NovaServer>({
		node: ctx.getNode(),
		poll: async () => await getServer(ctx, server.id),
		status: serverProgress,
		until: wait.until,
		failOn: ['ERROR'],
		untilGone: wait.untilGone,
		failureDetail: (found) => found.fault?.message,
		timeoutSeconds: wait.timeoutSeconds,
		describe: `server "${server.name ?? server.id}"`,
		itemIndex,
	});
	return result.resource;
}

export interface NovaKeyPair extends IDataObject {
	name: string;
	fingerprint?: string;
	public_key?: string;
	private_key?: string;
	type?: string;
}

export async function getKeyPair(ctx: OpenStackContext, name: string): Promise<NovaKeyPair> {
	const { keypair } = await serviceRequest<{ keypair: NovaKeyPair }>(ctx, 'compute', {
		path: `/os-keypairs/${encodeURIComponent(name)}`,
		microversion: KEYPAIR_MICROVERSION,
	});
	return keypair;
}

export const keyPairFinder: Finder<NovaKeyPair> = {
	kind: 'key pair',
	byId: async (ctx, name) => await unlessMissing(() => getKeyPair(ctx, name)),
	idOf: (keyPair) => keyPair.name,
	nameOf: (keyPair) => keyPair.name,
};
