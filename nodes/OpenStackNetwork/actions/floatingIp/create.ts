import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { externalNetworkLocator } from '../../../shared/openstack/resources/locators';
import { optionsCollection, forOperation, serviceRequest, showFor, tidy } from '../common';
import { findExternalNetwork } from '../find';

export const description = forOperation(showFor('floatingIp', 'create'), [
	externalNetworkLocator({
		description: 'The external network to take the address from, e.g. ext-floating1 at Infomaniak',
	}),
	optionsCollection([
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const network = await findExternalNetwork(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { floating_network_id: network.id };
	if (options.description) body.description = options.description;
	const { floatingip } = await serviceRequest<{ floatingip: IDataObject }>(this, 'network', {
		method: 'POST',
		path: '/floatingips',
		body: { floatingip: body },
	});
	return tidy(floatingip);
}
