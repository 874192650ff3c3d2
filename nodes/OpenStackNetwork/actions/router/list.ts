import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('router', 'list'), [
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
				description: 'Only the routers with exactly this name',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const name = String(filters.name ?? '').trim();
	return await listResources(this, itemIndex, {
		service: 'network',
		call: { path: '/routers', qs: name ? { name } : {} },
		itemsKey: 'routers',
		describe: tidy,
	});
}
