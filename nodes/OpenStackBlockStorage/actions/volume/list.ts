import type { IExecuteFunctions } from 'n8n-workflow';

import type { CinderVolume } from '../../../shared/openstack/resources/blockStorage';
import {
	filterQuery,
	filtersCollection,
	forOperation,
	listResources,
	nameFilter,
	returnAllAndLimit,
	showFor,
	statusFilter,
} from '../common';
import { describeVolume } from './shared';

export const VOLUME_STATUSES = [
	'attaching',
	'available',
	'backing-up',
	'creating',
	'deleting',
	'detaching',
	'downloading',
	'error',
	'error_deleting',
	'error_extending',
	'extending',
	'in-use',
	'maintenance',
	'reserved',
	'restoring-backup',
	'uploading',
];

export const description = forOperation(showFor('volume', 'list'), [
	...returnAllAndLimit,
	filtersCollection([nameFilter('volumes'), statusFilter(VOLUME_STATUSES, 'available')]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = await filterQuery(this, itemIndex, { name: 'name', status: 'status' });
	return await listResources<CinderVolume>(this, itemIndex, {
		service: 'block-storage',
		call: { path: '/volumes/detail', qs },
		itemsKey: 'volumes',
		describe: describeVolume,
		keep: (volume) =>
			(qs.name === undefined || volume.name === qs.name) &&
			(qs.status === undefined || volume.status === qs.status),
	});
}
