import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { loadBalancerLocator } from '../../../shared/openstack/resources/locators';
import { loadBalancerFinder } from '../../../shared/openstack/resources/network';
import { waitForStatus } from '../../../shared/openstack/wait';
import { serviceRequest } from '../common';

export const loadBalancerParameter = loadBalancerLocator();

export const lbPath = (id: string) => `/lbaas/loadbalancers/${encodeURIComponent(id)}`;

export async function getLoadBalancer(ctx: IExecuteFunctions, id: string): Promise<IDataObject> {
	const { loadbalancer } = await serviceRequest<{ loadbalancer: IDataObject }>(
		ctx,
		'load-balancer',
		{ path: lbPath(id) },
	);
	return loadbalancer;
}

export async function findLoadBalancer(ctx: IExecuteFunctions, itemIndex: number) {
	return await findFromParameter(
		ctx,
		itemIndex,
		'loadBalancer',
		'Load Balancer',
		loadBalancerFinder,
	);
}

/** Polls Octavia's provisioning status (ACTIVE when built, gone or DELETED when deleted). */
export async function waitForLoadBalancer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	loadBalancer: { id: string; name?: string },
	wait: { until: string[]; untilGone?: boolean; timeoutSeconds: number | undefined },
): Promise<IDataObject | undefined> {
	if (wait.timeoutSeconds === undefined) return await getLoadBalancer(ctx, loadBalancer.id);
	const { resource } = await waitForStatus<IDataObject>({
		node: ctx.getNode(),
		poll: async () => await getLoadBalancer(ctx, loadBalancer.id),
		status: (found) => found.provisioning_status as string,
		until: wait.until,
		untilGone: wait.untilGone,
		failOn: ['ERROR'],
		timeoutSeconds: wait.timeoutSeconds,
		describe: `load balancer "${loadBalancer.name || loadBalancer.id}"`,
		itemIndex,
	});
	return resource;
}
