import type { IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { routerLocator } from '../../../shared/openstack/resources/locators';
import { routerFinder } from '../../../shared/openstack/resources/network';
import { forOperation, serviceRequest, showFor } from '../common';

export const description = forOperation(showFor('router', 'delete'), [
	routerLocator(),
	{
		displayName: 'Remove Interfaces First',
		name: 'removeInterfaces',
		type: 'boolean',
		default: true,
		description:
			'Whether to disconnect its subnets first (Neutron refuses to delete a router that still has interfaces)',
	},
]);

interface RouterPort {
	fixed_ips?: Array<{ subnet_id?: string }>;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const router = await findFromParameter(this, itemIndex, 'router', 'Router', routerFinder);
	const path = `/routers/${encodeURIComponent(router.id)}`;
	const removed: string[] = [];
	if (this.getNodeParameter('removeInterfaces', itemIndex, true) as boolean) {
		const { ports } = await serviceRequest<{ ports: RouterPort[] }>(this, 'network', {
			path: '/ports',
			qs: { device_id: router.id, device_owner: 'network:router_interface' },
		});
		for (const port of ports ?? []) {
			for (const { subnet_id: subnetId } of port.fixed_ips ?? []) {
				if (!subnetId || removed.includes(subnetId)) continue;
				await serviceRequest(this, 'network', {
					method: 'PUT',
					path: `${path}/remove_router_interface`,
					body: { subnet_id: subnetId },
				});
				removed.push(subnetId);
			}
		}
	}
	await serviceRequest(this, 'network', { method: 'DELETE', path });
	return { id: router.id, name: router.name, deleted: true, removedInterfaces: removed };
}
