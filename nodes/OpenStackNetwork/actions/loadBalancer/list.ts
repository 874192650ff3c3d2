import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('loadBalancer', 'list'), [
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
				description: 'Only the load balancers with exactly this name',
			},
			{
				displayName: 'Provisioning Status',
				name: 'provisioningStatus',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Error', value: 'ERROR' },
					{ name: 'Pending Create', value: 'PENDING_CREATE' },
					{ name: 'Pending Delete', value: 'PENDING_DELETE' },
					{ name: 'Pending Update', value: 'PENDING_UPDATE' },
				],
				default: 'ACTIVE',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.name ?? '').trim()) qs.name = String(filters.name).trim();
	if (filters.provisioningStatus) qs.provisioning_status = filters.provisioningStatus;
	return await listResources(this, itemIndex, {
		service: 'load-balancer',
		call: { path: '/lbaas/loadbalancers', qs },
		itemsKey: 'loadbalancers',
		describe: tidy,
	});
}
