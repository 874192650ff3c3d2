import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Security Group', value: 'securityGroup' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a security group', many: 'security groups' },
			{
				create: 'Create a security group (outgoing traffic allowed, incoming refused)',
				get: 'Get a security group with its rules',
				list: 'List security groups with their rules',
			},
			[{ name: 'Delete', value: 'delete', action: 'Delete a security group' }],
		),
	},
	operations,
);
