import type { INodeProperties } from 'n8n-workflow';

import * as list from './list';

export const operations = { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subnet'] } },
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many subnets',
				description: 'List subnets (filters: name, network)',
			},
		],
		default: 'list',
	},
	...list.description,
];
