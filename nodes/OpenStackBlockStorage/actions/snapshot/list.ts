import type { IExecuteFunctions } from 'n8n-workflow';

import {
	filterQuery,
	filtersCollection,
	forOperation,
	listResources,
	nameFilter,
	returnAllAndLimit,
	showFor,
	tidy,
} from '../common';
import { matchesQuery, volumeFilter, volumeRule } from '../volumeFilter';

export const description = forOperation(showFor('snapshot', 'list'), [
	...returnAllAndLimit,
	filtersCollection([nameFilter('snapshots'), volumeFilter('snapshots')]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = await filterQuery(this, itemIndex, { name: 'name', volume: volumeRule });
	return await listResources(this, itemIndex, {
		service: 'block-storage',
		call: { path: '/snapshots/detail', qs },
		itemsKey: 'snapshots',
		describe: tidy,
		keep: matchesQuery(qs),
	});
}
