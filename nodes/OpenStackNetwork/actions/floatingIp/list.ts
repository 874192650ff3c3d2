import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('floatingIp', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. 195.15.240.12',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active (Associated)', value: 'ACTIVE' },
					{ name: 'Down (Free)', value: 'DOWN' },
					{ name: 'Error', value: 'ERROR' },
				],
				default: 'DOWN',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.address ?? '').trim()) qs.floating_ip_address = String(filters.address).trim();
	if (filters.status) qs.status = filters.status;
	return await listResources(this, itemIndex, {
		service: 'network',
		call: { path: '/floatingips', qs },
		itemsKey: 'floatingips',
		describe: tidy,
	});
}
