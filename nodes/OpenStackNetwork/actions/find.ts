import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/node/errors';
import { findFromParameter, type Finder } from '../../shared/openstack/resources/lookup';
import { networkFinder, type NamedResource } from '../../shared/openstack/resources/network';
import { serviceRequest, type ServiceName } from '../../shared/openstack/resources/api';

/** The resource a locator parameter names, read fresh (`{singular}` from `GET {path}/{id}`). */
export async function findFresh(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	finder: Finder<NamedResource>,
	read: { service: ServiceName; path: string; singular: string },
): Promise<NamedResource> {
	const { id } = await findFromParameter(ctx, itemIndex, parameter, label, finder);
	const answer = await serviceRequest<Record<string, NamedResource>>(ctx, read.service, {
		path: `${read.path}/${encodeURIComponent(id)}`,
	});
	return answer[read.singular];
}

/** The network the "External Network" parameter names; one that is not external is refused. */
export async function findExternalNetwork(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<NamedResource> {
	const network = await findFromParameter(
		ctx,
		itemIndex,
		'externalNetwork',
		'External Network',
		networkFinder,
	);
	if (network['router:external'] !== true)
		throw parameterError(
			ctx.getNode(),
			'External Network',
			`"${network.name ?? network.id}" is not an external network`,
			itemIndex,
		);
	return network;
}
