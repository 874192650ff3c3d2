import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Network', value: 'network' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a network',
				description: 'Create a network, with a subnet (CIDR, gateway, DHCP)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a network',
				description: 'Delete a network and its subnets',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a network',
				description: 'Get a network by ID or name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many networks',
				description: 'List networks',
			},
		],
	},
	operations,
);
