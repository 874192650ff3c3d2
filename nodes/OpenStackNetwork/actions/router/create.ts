import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locatorInput } from '../../../shared/openstack/resources/lookup';
import { externalNetworkLocator } from '../../../shared/openstack/resources/locators';
import { optionsCollection, forOperation, serviceRequest, showFor, tidy } from '../common';
import { requiredName } from '../../../shared/openstack/resources/parameters';
import { findExternalNetwork } from '../find';

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
	optionsCollection([
		{
			displayName: 'Admin State Up',
			name: 'adminStateUp',
			type: 'boolean',
			default: true,
			description: 'Whether the router forwards traffic',
		},
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = requiredName(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const router: IDataObject = { name };
	if (options.description) router.description = options.description;
	if (options.adminStateUp === false) router.admin_state_up = false;
	if (locatorInput(this, 'externalNetwork', itemIndex).value) {
		const network = await findExternalNetwork(this, itemIndex);
		router.external_gateway_info = { network_id: network.id };
	}
	const { router: created } = await serviceRequest<{ router: IDataObject }>(this, 'network', {
		method: 'POST',
		path: '/routers',
		body: { router },
	});
	return tidy(created);
}
