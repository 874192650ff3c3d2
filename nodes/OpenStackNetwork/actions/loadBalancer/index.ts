import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Load Balancer', value: 'loadBalancer' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a load balancer',
				description: 'Create a load balancer on a subnet, optionally waiting until it is active',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a load balancer',
				description: 'Delete it (with its listeners and pools: cascade)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a load balancer',
				description: 'Get a load balancer by ID or name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many load balancers',
				description: 'List load balancers (Octavia)',
			},
		],
	},
	operations,
);
