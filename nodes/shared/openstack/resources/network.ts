import type { IDataObject } from 'n8n-workflow';

import type { OpenStackContext } from '../request';
import { serviceRequest, type ServiceName } from './api';
import { UUID, unlessMissing, type Finder } from './lookup';

/** Neutron and Octavia resources as the infrastructure nodes find them (by ID or by name). */

export interface NamedResource extends IDataObject {
	id: string;
	name?: string;
}

/**
 * A finder for a Neutron-style collection: `GET /{path}/{id}` answers `{singular: …}` and
 * `GET /{path}?name=` answers `{plural: […]}`.
 */
export function collectionFinder<T extends NamedResource>(options: {
	kind: string;
	service: ServiceName;
	path: string;
	singular: string;
	plural: string;
	nameFilter?: string;
	qs?: IDataObject;
}): Finder<T> {
	return {
		kind: options.kind,
		idPattern: UUID,
		byId: async (ctx, id) =>
			await unlessMissing(
				async () =>
					(
						await serviceRequest<Record<string, T>>(ctx, options.service, {
							path: `${options.path}/${encodeURIComponent(id)}`,
						})
					)[options.singular],
			),
		byName: async (ctx, name) =>
			(
				await serviceRequest<Record<string, T[]>>(ctx, options.service, {
					path: options.path,
					qs: { ...options.qs, [options.nameFilter ?? 'name']: name },
				})
			)[options.plural] ?? [],
		idOf: (resource) => resource.id,
		nameOf: (resource) => resource[options.nameFilter ?? 'name'] as string | undefined,
	};
}

export const networkFinder = collectionFinder<NamedResource>({
	kind: 'network',
	service: 'network',
	path: '/networks',
	singular: 'network',
	plural: 'networks',
});

export const subnetFinder = collectionFinder<NamedResource>({
	kind: 'subnet',
	service: 'network',
	path: '/subnets',
	singular: 'subnet',
	plural: 'subnets',
});

export const routerFinder = collectionFinder<NamedResource>({
	kind: 'router',
	service: 'network',
	path: '/routers',
	singular: 'router',
	plural: 'routers',
});

export const securityGroupFinder = collectionFinder<NamedResource>({
	kind: 'security group',
	service: 'network',
	path: '/security-groups',
	singular: 'security_group',
	plural: 'security_groups',
});

export const floatingIpFinder = collectionFinder<NamedResource>({
	kind: 'floating IP',
	service: 'network',
	path: '/floatingips',
	singular: 'floatingip',
	plural: 'floatingips',
	nameFilter: 'floating_ip_address',
});

export const loadBalancerFinder = collectionFinder<NamedResource>({
	kind: 'load balancer',
	service: 'load-balancer',
	path: '/lbaas/loadbalancers',
	singular: 'loadbalancer',
	plural: 'loadbalancers',
});

/** The ports of a server (Neutron's `device_id`), oldest first. */
export async function serverPorts(ctx: OpenStackContext, serverId: string) {
	const { ports } = await serviceRequest<{ ports: NamedResource[] }>(ctx, 'network', {
		path: '/ports',
		qs: { device_id: serverId },
	});
	return ports ?? [];
}
