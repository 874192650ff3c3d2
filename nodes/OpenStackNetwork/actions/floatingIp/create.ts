import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { externalNetworkLocator } from '../../../shared/openstack/resources/locators';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { forOperation, serviceRequest, showFor, tidy } from '../common';

export const description = forOperation(showFor('floatingIp', 'create'), [
	externalNetworkLocator({
		description: 'The external network to take the address from, e.g. ext-floating1 at Infomaniak',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '' }],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const network = await findFromParameter(
		this,
		itemIndex,
		'externalNetwork',
		'External Network',
		networkFinder,
	);
	if (network['router:external'] !== true)
		throw parameterError(
			this.getNode(),
			'External Network',
			`"${network.name ?? network.id}" is not an external network`,
			itemIndex,
		);
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
