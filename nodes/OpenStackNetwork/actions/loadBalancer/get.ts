import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, tidy } from '../common';
import { findLoadBalancer, getLoadBalancer, loadBalancerParameter } from './shared';

export const description = forOperation(showFor('loadBalancer', 'get'), [loadBalancerParameter]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { id } = await findLoadBalancer(this, itemIndex);
	return tidy(await getLoadBalancer(this, id));
}
