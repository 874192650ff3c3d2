import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as addInterface from './addInterface';
import * as create from './create';
import * as del from './delete';
import * as list from './list';
import * as removeInterface from './removeInterface';

export const resource = { name: 'Router', value: 'router' };

export const operations = { addInterface, create, delete: del, list, removeInterface };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a router', many: 'routers' },
			{
				create: 'Create a router, with a gateway on an external network',
				delete: 'Delete a router (disconnecting its subnets first)',
				list: 'List routers',
			},
			[
				{
					name: 'Add Interface',
					value: 'addInterface',
					action: 'Connect a subnet to a router',
					description: 'Connect a subnet to the router',
				},
				{
					name: 'Remove Interface',
					value: 'removeInterface',
					action: 'Disconnect a subnet from a router',
					description: 'Disconnect a subnet from the router',
				},
			],
		),
	},
	operations,
);
