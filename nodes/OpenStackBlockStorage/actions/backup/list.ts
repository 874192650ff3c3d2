import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { volumeFinder } from '../../../shared/openstack/resources/blockStorage';
import { findResource } from '../../../shared/openstack/resources/lookup';
import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('backup', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Volume',
				name: 'volume',
				type: 'string',
				default: '',
				placeholder: 'e.g. data-1',
				description: 'Only the backups of this volume (name or ID)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.volume ?? '').trim())
		qs.volume_id = (
			await findResource(this, itemIndex, 'Volume', volumeFinder, String(filters.volume).trim())
		).id;
	return await listResources(this, itemIndex, {
		service: 'block-storage',
		call: { path: '/backups/detail', qs },
		itemsKey: 'backups',
		describe: tidy,
		keep: (entry) =>
			Object.entries(qs).every(([key, value]) => (entry as IDataObject)[key] === value),
	});
}
