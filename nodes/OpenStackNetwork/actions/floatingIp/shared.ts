import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { floatingIpLocator } from '../../../shared/openstack/resources/locators';
import { floatingIpFinder, type NamedResource } from '../../../shared/openstack/resources/network';
import { serviceRequest, tidy } from '../common';

export const floatingIpParameter = floatingIpLocator();

/** The floating IP the parameter names (by ID or by its address). */
export async function findFloatingIp(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<NamedResource> {
	return await findFromParameter(ctx, itemIndex, 'floatingIp', 'Floating IP', floatingIpFinder);
}

/** `PUT /floatingips/{id}` with a port (associate) or none (disassociate). */
export async function setPort(
	ctx: IExecuteFunctions,
	id: string,
	port: IDataObject,
): Promise<IDataObject> {
	const { floatingip } = await serviceRequest<{ floatingip: IDataObject }>(ctx, 'network', {
		method: 'PUT',
		path: `/floatingips/${encodeURIComponent(id)}`,
		body: { floatingip: port },
	});
	return tidy(floatingip);
}
