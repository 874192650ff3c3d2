import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findResource } from '../../../shared/openstack/resources/lookup';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('subnet', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only the subnets with exactly this name',
			},
			{
				displayName: 'Network',
				name: 'network',
				type: 'string',
				default: '',
				placeholder: 'e.g. app-network',
				description: 'Only the subnets of this network (name or ID)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.name ?? '').trim()) qs.name = String(filters.name).trim();
	if (String(filters.network ?? '').trim())
		qs.network_id = (
			await findResource(this, itemIndex, 'Network', networkFinder, String(filters.network).trim())
		).id;
	return await listResources(this, itemIndex, {
		service: 'network',
		call: { path: '/subnets', qs },
		itemsKey: 'subnets',
		describe: tidy,
	});
}
