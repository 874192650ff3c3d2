import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { serverFinder } from '../../../shared/openstack/resources/compute';
import { findResource } from '../../../shared/openstack/resources/lookup';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { forOperation, listResources, returnAllAndLimit, showFor, tidy } from '../common';

export const description = forOperation(showFor('port', 'list'), [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Network',
				name: 'network',
				type: 'string',
				default: '',
				placeholder: 'e.g. app-network',
				description: 'Only the ports on this network (name or ID)',
			},
			{
				displayName: 'Server',
				name: 'server',
				type: 'string',
				default: '',
				placeholder: 'e.g. web-1',
				description: 'Only the ports of this server (name or ID)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Build', value: 'BUILD' },
					{ name: 'Down', value: 'DOWN' },
					{ name: 'Error', value: 'ERROR' },
				],
				default: 'ACTIVE',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	if (String(filters.network ?? '').trim())
		qs.network_id = (
			await findResource(this, itemIndex, 'Network', networkFinder, String(filters.network).trim())
		).id;
	if (String(filters.server ?? '').trim())
		qs.device_id = (
			await findResource(this, itemIndex, 'Server', serverFinder, String(filters.server).trim())
		).id;
	return await listResources(this, itemIndex, {
		service: 'network',
		call: { path: '/ports', qs },
		itemsKey: 'ports',
		describe: tidy,
	});
}
