import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('network', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'External',
				name: 'external',
				type: 'boolean',
				default: true,
				description: 'Whether to list only external (public) networks, or only the others',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only the networks with exactly this name',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Build', value: 'BUILD' },
					{ name: 'Down', value: 'DOWN' },
					{ name: 'Error', value: 'ERROR' },
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
	if (filters.status) qs.status = filters.status;
	if (typeof filters.external === 'boolean') qs['router:external'] = filters.external;
	return await listResources(this, itemIndex, {
		service: 'network',
		call: { path: '/networks', qs },
		itemsKey: 'networks',
		describe: tidy,
	});
}
