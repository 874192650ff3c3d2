import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	describeServer,
	flavorFinder,
	type NovaServer,
} from '../../../shared/openstack/resources/compute';
import { imageFinder } from '../../../shared/openstack/resources/image';
import { findResource } from '../../../shared/openstack/resources/lookup';
import { forOperation, listResources, returnAllAndLimit, showFor } from '../common';

export const SERVER_STATUSES = [
	'ACTIVE',
	'BUILD',
	'DELETED',
	'ERROR',
	'HARD_REBOOT',
	'MIGRATING',
	'PAUSED',
	'REBOOT',
	'REBUILD',
	'RESCUE',
	'RESIZE',
	'SHELVED',
	'SHELVED_OFFLOADED',
	'SHUTOFF',
	'SOFT_DELETED',
	'SUSPENDED',
	'UNKNOWN',
	'VERIFY_RESIZE',
];

export const description = forOperation(showFor('server', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Flavor',
				name: 'flavor',
				type: 'string',
				default: '',
				placeholder: 'e.g. a2-ram4-disk50-perf1',
				description: 'Only servers of this flavor (name or ID)',
			},
			{
				displayName: 'Image',
				name: 'image',
				type: 'string',
				default: '',
				placeholder: 'e.g. Debian 12 bookworm',
				description: 'Only servers booted from this image (name or ID)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. web-',
				description:
					'Only servers whose name matches this regular expression (as Nova applies it: "web-" matches any name containing it, "^web-1$" only that name)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'ACTIVE',
				options: SERVER_STATUSES.map((status) => ({ name: status, value: status })),
			},
		],
	},
]);

interface Filters {
	flavor?: string;
	image?: string;
	name?: string;
	status?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const qs: IDataObject = {};
	if (filters.name?.trim()) qs.name = filters.name.trim();
	if (filters.status) qs.status = filters.status;
	if (filters.flavor?.trim())
		qs.flavor = (
			await findResource(this, itemIndex, 'Flavor', flavorFinder, filters.flavor.trim())
		).id;
	if (filters.image?.trim())
		qs.image = (await findResource(this, itemIndex, 'Image', imageFinder, filters.image.trim())).id;
	return await listResources<NovaServer>(this, itemIndex, {
		service: 'compute',
		call: { path: '/servers/detail', qs },
		itemsKey: 'servers',
		describe: describeServer,
	});
}
