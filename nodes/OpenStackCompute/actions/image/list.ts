import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('image', 'list'), [
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
				description: 'Only the images with exactly this name',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Deactivated', value: 'deactivated' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Saving', value: 'saving' },
				],
				default: 'active',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: [
					{ name: 'Community', value: 'community' },
					{ name: 'Private', value: 'private' },
					{ name: 'Public', value: 'public' },
					{ name: 'Shared', value: 'shared' },
				],
				default: 'public',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const key of ['name', 'status', 'visibility']) {
		const value = String(filters[key] ?? '').trim();
		if (value) qs[key] = value;
	}
	return await listResources(this, itemIndex, {
		service: 'image',
		call: { path: '/images', qs },
		itemsKey: 'images',
		describe: tidy,
	});
}
