import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';

export const operations = { create, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['securityGroupRule'] } },
		options: [
			{
				name: 'Add',
				value: 'create',
				action: 'Add a security group rule',
				description: 'Allow traffic: direction, protocol, port range, remote CIDR or group',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a security group rule' },
		],
		default: 'create',
	},
	...create.description,
	...del.description,
];
