import type { IExecuteFunctions } from 'n8n-workflow';

import {
	filterQuery,
	filtersCollection,
	forOperation,
	listResources,
	nameFilter,
	returnAllAndLimit,
	showFor,
	statusFilter,
	tidy,
} from '../common';

export const description = forOperation(showFor('image', 'list'), [
	...returnAllAndLimit,
	filtersCollection([
		nameFilter('images'),
		statusFilter(
			[
				{ name: 'Active', value: 'active' },
				{ name: 'Deactivated', value: 'deactivated' },
				{ name: 'Queued', value: 'queued' },
				{ name: 'Saving', value: 'saving' },
			],
			'active',
		),
		statusFilter(
			[
				{ name: 'Community', value: 'community' },
				{ name: 'Private', value: 'private' },
				{ name: 'Public', value: 'public' },
				{ name: 'Shared', value: 'shared' },
			],
			'public',
			'Visibility',
			'visibility',
		),
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await listResources(this, itemIndex, {
		service: 'image',
		call: {
			path: '/images',
			qs: await filterQuery(this, itemIndex, {
				name: 'name',
				status: 'status',
				visibility: 'visibility',
			}),
		},
		itemsKey: 'images',
		describe: tidy,
	});
}
