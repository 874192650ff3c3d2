import type { IDataObject } from 'n8n-workflow';

import {
	openStackPages,
	openStackRequest,
	openStackRequestAll,
	type MarkerPaging,
	type OpenStackCall,
	type OpenStackContext,
} from '../request';

/**
 * The services of the infrastructure nodes (Compute, Block Storage, Network, Usage), each with the
 * API version its paths lie below and the microversion the nodes speak. Every call still goes
 * through the shared OpenStack request (catalog, token, transport, faults).
 */

/** Nova: 2.47 embeds the flavor in a server (vCPUs, RAM, disk) and takes `networks: "auto"`. */
export const COMPUTE_MICROVERSION = '2.47';
/** Nova key pairs: 2.35 pages the list; below 2.92 Nova still generates a key when none is given. */
export const KEYPAIR_MICROVERSION = '2.35';
/**
 * Cinder: 3.42 extends attached volumes. Other calls use the base version (3.0): from 3.31 Cinder
 * refuses every list filter its operator did not enable, where 3.0 ignores it (the nodes check
 * filters on their side too).
 */
export const VOLUME_EXTEND_MICROVERSION = '3.42';

export type ServiceName = 'compute' | 'block-storage' | 'network' | 'image' | 'load-balancer';

const SERVICES: Record<ServiceName, Pick<OpenStackCall, 'apiVersion' | 'microversion'>> = {
	compute: { microversion: COMPUTE_MICROVERSION },
	'block-storage': {},
	network: { apiVersion: 'v2.0' },
	image: { apiVersion: 'v2' },
	'load-balancer': { apiVersion: 'v2' },
};

export type ServiceCall = Omit<OpenStackCall, 'service'>;

function toCall(service: ServiceName, call: ServiceCall): OpenStackCall {
	return { ...SERVICES[service], ...call, service };
}

/** One request to a service of the infrastructure nodes. */
export async function serviceRequest<T = any>(
	ctx: OpenStackContext,
	service: ServiceName,
	call: ServiceCall,
): Promise<T> {
	return await openStackRequest<T>(ctx, toCall(service, call));
}

/** Every item of a marker/limit list of a service, up to `limit`. */
export async function serviceRequestAll<T = IDataObject>(
	ctx: OpenStackContext,
	service: ServiceName,
	call: ServiceCall,
	paging: MarkerPaging<T>,
): Promise<T[]> {
	return await openStackRequestAll<T>(ctx, toCall(service, call), paging);
}

/** The pages of a marker/limit list of a service, one by one. */
export function servicePages<T = IDataObject>(
	ctx: OpenStackContext,
	service: ServiceName,
	call: ServiceCall,
	paging: MarkerPaging<T>,
): AsyncGenerator<T[], void, undefined> {
	return openStackPages<T>(ctx, toCall(service, call), paging);
}
