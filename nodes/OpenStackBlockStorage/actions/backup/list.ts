import type { IExecuteFunctions } from 'n8n-workflow';

import {
	filterQuery,
	filtersCollection,
	forOperation,
	listResources,
	returnAllAndLimit,
	showFor,
	tidy,
} from '../common';
import { matchesQuery, volumeFilter, volumeRule } from '../volumeFilter';

export const description = forOperation(showFor('backup', 'list'), [
	...returnAllAndLimit,
	filtersCollection([volumeFilter('backups')]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = await filterQuery(this, itemIndex, { volume: volumeRule });
	return await listResources(this, itemIndex, {
		service: 'block-storage',
		call: { path: '/backups/detail', qs },
		itemsKey: 'backups',
		describe: tidy,
		keep: matchesQuery(qs),
	});
}
