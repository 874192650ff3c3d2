import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { routerLocator, subnetLocator } from '../../../shared/openstack/resources/locators';
import { routerFinder, subnetFinder } from '../../../shared/openstack/resources/network';
import { serviceRequest, tidy } from '../common';

/** Router and subnet of Add Interface / Remove Interface. */
export const interfaceParameters = [
	routerLocator(),
	subnetLocator({
		description:
			"The subnet to connect to the router (its gateway IP becomes the router's address there)",
	}),
];

/** `PUT /routers/{id}/add_router_interface` or `…/remove_router_interface` with the subnet. */
export async function changeInterface(
	ctx: IExecuteFunctions,
	itemIndex: number,
	change: 'add' | 'remove',
) {
	const router = await findFromParameter(ctx, itemIndex, 'router', 'Router', routerFinder);
	const subnet = await findFromParameter(ctx, itemIndex, 'subnet', 'Subnet', subnetFinder);
	const answer = await serviceRequest<IDataObject>(ctx, 'network', {
		method: 'PUT',
		path: `/routers/${encodeURIComponent(router.id)}/${change}_router_interface`,
		body: { subnet_id: subnet.id },
	});
	return {
		...tidy(answer),
		routerId: router.id,
		routerName: router.name,
		subnetId: subnet.id,
		subnetName: subnet.name,
		[change === 'add' ? 'added' : 'removed']: true,
	};
}
