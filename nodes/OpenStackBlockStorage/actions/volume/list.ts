import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CinderVolume } from '../../../shared/openstack/resources/blockStorage';
import { forOperation, listResources, returnAllAndLimit, showFor } from '../common';
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
				description: 'Only the volumes with exactly this name',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'available',
				options: VOLUME_STATUSES.map((status) => ({ name: status, value: status })),
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.name ?? '').trim()) qs.name = String(filters.name).trim();
	if (filters.status) qs.status = filters.status;
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
