import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, getWait, serviceRequest, showFor, waitParameters } from '../common';
import { findLoadBalancer, lbPath, loadBalancerParameter, waitForLoadBalancer } from './shared';

export const description = forOperation(showFor('loadBalancer', 'delete'), [
	loadBalancerParameter,
	{
		displayName: 'Cascade',
		name: 'cascade',
		type: 'boolean',
		default: true,
		description:
			'Whether to delete its listeners, pools, members and health monitors with it (otherwise a load balancer that has any is refused)',
	},
	...waitParameters('Wait Until Deleted', 'Whether to wait until the load balancer is gone'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const loadBalancer = await findLoadBalancer(this, itemIndex);
	const cascade = this.getNodeParameter('cascade', itemIndex, true) as boolean;
	const timeoutSeconds = getWait(this, itemIndex);
	await serviceRequest(this, 'load-balancer', {
		method: 'DELETE',
		path: lbPath(loadBalancer.id),
		qs: cascade ? { cascade: true } : undefined,
	});
	if (timeoutSeconds !== undefined)
		await waitForLoadBalancer(this, itemIndex, loadBalancer, {
			until: ['DELETED'],
			untilGone: true,
			timeoutSeconds,
		});
	return {
		id: loadBalancer.id,
		name: loadBalancer.name,
		deleted: true,
		cascade,
		waited: timeoutSeconds !== undefined,
	};
}
