import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';
import * as list from './list';

export const operations = { get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flavor'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a flavor',
				description: 'Get a flavor by ID or name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many flavors',
				description: 'List the flavors (vCPUs, RAM, disk) servers can be created with',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
