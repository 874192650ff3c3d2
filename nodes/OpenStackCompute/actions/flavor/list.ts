import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getInteger } from '../../../shared/node/parameters';
import {
	filtersCollection,
	forOperation,
	listResources,
	returnAllAndLimit,
	showFor,
} from '../common';
import { describeFlavor } from './describe';

export const description = forOperation(showFor('flavor', 'list'), [
	...returnAllAndLimit,
	filtersCollection([
		{
			displayName: 'Minimum Disk (GB)',
			name: 'minDisk',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
		},
		{
			displayName: 'Minimum RAM (MB)',
			name: 'minRam',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs: IDataObject = {};
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	if (filters.minDisk !== undefined)
		qs.minDisk = getInteger(this, 'filters.minDisk', itemIndex, {
			min: 0,
			label: 'Minimum Disk (GB)',
		});
	if (filters.minRam !== undefined)
		qs.minRam = getInteger(this, 'filters.minRam', itemIndex, {
			min: 0,
			label: 'Minimum RAM (MB)',
		});
	return await listResources(this, itemIndex, {
		service: 'compute',
		call: { path: '/flavors/detail', qs },
		itemsKey: 'flavors',
		describe: describeFlavor,
	});
}
