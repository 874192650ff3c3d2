import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a network', many: 'networks' },
			{
				create: 'Create a network, with a subnet (CIDR, gateway, DHCP)',
				delete: 'Delete a network and its subnets',
				get: 'Get a network by ID or name',
				list: 'List networks',
			},
		),
	},
	operations,
);
