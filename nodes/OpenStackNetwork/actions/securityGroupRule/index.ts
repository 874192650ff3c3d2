import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';

export const resource = { name: 'Security Group Rule', value: 'securityGroupRule' };

export const operations = { create, delete: del };

export const description = resourceDescription(
	resource.value,
	{
		default: 'create',
		options: [
			{
				name: 'Add',
				value: 'create',
				action: 'Add a security group rule',
				description: 'Allow traffic: direction, protocol, port range, remote CIDR or group',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a security group rule' },
		],
	},
	operations,
);
