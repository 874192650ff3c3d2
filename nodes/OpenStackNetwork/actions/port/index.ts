import type { INodeProperties } from 'n8n-workflow';

import * as list from './list';

export const operations = { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['port'] } },
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many ports',
				description: 'List ports (filters: network, server, status)',
			},
		],
		default: 'list',
	},
	...list.description,
];
