import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RelatedRule } from '../../shared/openstack/resources/filters';
import {
	filterQuery,
	filtersCollection,
	forOperation,
	listResources,
	returnAllAndLimit,
	showFor,
	tidy,
} from './common';

/**
 * A Neutron or Octavia "Get Many": its filters, how they become the query, and the collection
 * (`/routers` answering `{ routers: […] }`).
 */
export function neutronList(spec: {
	resource: string;
	service?: 'network' | 'load-balancer';
	path: string;
	itemsKey: string;
	filters: INodeProperties[];
	rules: Record<string, string | RelatedRule>;
}) {
	return {
		description: forOperation(showFor(spec.resource, 'list'), [
			...returnAllAndLimit,
			filtersCollection(spec.filters),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			return await listResources(this, itemIndex, {
				service: spec.service ?? 'network',
				call: { path: spec.path, qs: await filterQuery(this, itemIndex, spec.rules) },
				itemsKey: spec.itemsKey,
				describe: tidy,
			});
		},
	};
}
