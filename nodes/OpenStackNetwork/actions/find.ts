import type { IExecuteFunctions } from 'n8n-workflow';

import { findFromParameter, type Finder } from '../../shared/openstack/resources/lookup';
import type { NamedResource } from '../../shared/openstack/resources/network';
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
