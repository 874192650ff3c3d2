import type { IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { networkLocator } from '../../../shared/openstack/resources/locators';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { forOperation, serviceRequest, showFor } from '../common';

export const description = forOperation(showFor('network', 'delete'), [networkLocator()]);

/** Neutron deletes the network's subnets with it; a network with ports in use is refused. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const network = await findFromParameter(this, itemIndex, 'network', 'Network', networkFinder);
	await serviceRequest(this, 'network', {
		method: 'DELETE',
		path: `/networks/${encodeURIComponent(network.id)}`,
	});
	return { id: network.id, name: network.name, deleted: true };
}
