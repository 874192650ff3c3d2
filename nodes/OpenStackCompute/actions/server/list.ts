import type { IExecuteFunctions } from 'n8n-workflow';

import {
	describeServer,
	flavorFinder,
	type NovaServer,
} from '../../../shared/openstack/resources/compute';
import { imageFinder } from '../../../shared/openstack/resources/image';
import {
	filterQuery,
	filtersCollection,
	forOperation,
	listResources,
	relatedFilter,
	returnAllAndLimit,
	showFor,
	statusFilter,
} from '../common';

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
	filtersCollection([
		relatedFilter('Flavor', 'e.g. a2-ram4-disk50-perf1', 'Only servers of this flavor'),
		relatedFilter('Image', 'e.g. Debian 12 bookworm', 'Only servers booted from this image'),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. web-',
			description:
				'Only servers whose name matches this regular expression (as Nova applies it: "web-" matches any name containing it, "^web-1$" only that name)',
		},
		statusFilter(SERVER_STATUSES, 'ACTIVE'),
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = await filterQuery(this, itemIndex, {
		name: 'name',
		status: 'status',
		flavor: { query: 'flavor', finder: flavorFinder, label: 'Flavor' },
		image: { query: 'image', finder: imageFinder, label: 'Image' },
	});
	return await listResources<NovaServer>(this, itemIndex, {
		service: 'compute',
		call: { path: '/servers/detail', qs },
		itemsKey: 'servers',
		describe: describeServer,
	});
}
