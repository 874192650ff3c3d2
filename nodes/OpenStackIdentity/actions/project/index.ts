import type { INodeProperties } from 'n8n-workflow';

import * as list from './list';

export const operations = { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many projects',
				description: 'The projects the current user has a role on',
			},
		],
		default: 'list',
	},
	...list.description,
];
