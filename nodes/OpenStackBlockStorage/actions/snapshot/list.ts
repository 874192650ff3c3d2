import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { volumeFinder } from '../../../shared/openstack/resources/blockStorage';
import { findResource } from '../../../shared/openstack/resources/lookup';
import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('snapshot', 'list'), [
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
				description: 'Only the snapshots with exactly this name',
			},
			{
				displayName: 'Volume',
				name: 'volume',
				type: 'string',
				default: '',
				placeholder: 'e.g. data-1',
				description: 'Only the snapshots of this volume (name or ID)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.name ?? '').trim()) qs.name = String(filters.name).trim();
	if (String(filters.volume ?? '').trim())
		qs.volume_id = (
			await findResource(this, itemIndex, 'Volume', volumeFinder, String(filters.volume).trim())
		).id;
	return await listResources(this, itemIndex, {
		service: 'block-storage',
		call: { path: '/snapshots/detail', qs },
		itemsKey: 'snapshots',
		describe: tidy,
		keep: (entry) =>
			Object.entries(qs).every(([key, value]) => (entry as IDataObject)[key] === value),
	});
}
