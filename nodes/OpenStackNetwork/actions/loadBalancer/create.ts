import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isIP } from 'net';

import { parameterError } from '../../../shared/node/errors';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { subnetLocator } from '../../../shared/openstack/resources/locators';
import { subnetFinder } from '../../../shared/openstack/resources/network';
import {
	optionsCollection,
	forOperation,
	getWait,
	serviceRequest,
	showFor,
	tidy,
	waitParameters,
} from '../common';
import { requiredName } from '../../../shared/openstack/resources/parameters';
import { waitForLoadBalancer } from './shared';

export const description = forOperation(showFor('loadBalancer', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. web-lb',
	},
	subnetLocator({ description: 'The subnet its virtual IP (VIP) is taken from' }),
	...waitParameters(
		'Wait Until Active',
		'Whether to wait until the load balancer is provisioned (ACTIVE)',
	),
	optionsCollection([
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{
			displayName: 'VIP Address',
			name: 'vipAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10.0.0.100',
			description: 'The virtual IP to use; empty lets Octavia choose one of the subnet',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = requiredName(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const vip = String(options.vipAddress ?? '').trim();
	if (vip && !isIP(vip))
		throw parameterError(this.getNode(), 'VIP Address', `"${vip}" is not an IP address`, itemIndex);
	const timeoutSeconds = getWait(this, itemIndex);
	const subnet = await findFromParameter(this, itemIndex, 'subnet', 'Subnet', subnetFinder);
	const body: IDataObject = { name, vip_subnet_id: subnet.id };
	if (options.description) body.description = options.description;
	if (vip) body.vip_address = vip;
	const { loadbalancer } = await serviceRequest<{ loadbalancer: IDataObject & { id: string } }>(
		this,
		'load-balancer',
		{ method: 'POST', path: '/lbaas/loadbalancers', body: { loadbalancer: body } },
	);
	const result = await waitForLoadBalancer(
		this,
		itemIndex,
		{ id: loadbalancer.id, name },
		{
			until: ['ACTIVE'],
			timeoutSeconds,
		},
	);
	return tidy(result!);
}
