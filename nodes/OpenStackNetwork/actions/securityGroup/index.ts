import { resourceDescription } from '../../../shared/node/description';
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
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a security group',
				description: 'Create a security group (outgoing traffic allowed, incoming refused)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a security group' },
			{
				name: 'Get',
				value: 'get',
				action: 'Get a security group',
				description: 'Get a security group with its rules',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many security groups',
				description: 'List security groups with their rules',
			},
		],
	},
	operations,
);
