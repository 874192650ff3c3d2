import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { findFromParameter, locatorInput } from '../../../shared/openstack/resources/lookup';
import { externalNetworkLocator } from '../../../shared/openstack/resources/locators';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { forOperation, serviceRequest, showFor, tidy } from '../common';

export const description = forOperation(showFor('router', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. app-router',
	},
	externalNetworkLocator({
		required: false,
		description:
			'The external network of its gateway (for floating IPs and outbound traffic), e.g. ext-floating1 at Infomaniak; empty for none',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Admin State Up',
				name: 'adminStateUp',
				type: 'boolean',
				default: true,
				description: 'Whether the router forwards traffic',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) throw parameterError(this.getNode(), 'Name', 'it must not be empty', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const router: IDataObject = { name };
	if (options.description) router.description = options.description;
	if (options.adminStateUp === false) router.admin_state_up = false;
	if (locatorInput(this, 'externalNetwork', itemIndex).value) {
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
		router.external_gateway_info = { network_id: network.id };
	}
	const { router: created } = await serviceRequest<{ router: IDataObject }>(this, 'network', {
		method: 'POST',
		path: '/routers',
		body: { router },
	});
	return tidy(created);
}
