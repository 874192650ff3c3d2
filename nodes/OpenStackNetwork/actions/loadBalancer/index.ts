import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a load balancer', many: 'load balancers' },
			{
				create: 'Create a load balancer on a subnet, optionally waiting until it is active',
				delete: 'Delete it (with its listeners and pools: cascade)',
				get: 'Get a load balancer by ID or name',
				list: 'List load balancers (Octavia)',
			},
		),
	},
	operations,
);
