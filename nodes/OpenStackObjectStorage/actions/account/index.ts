import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Info',
				value: 'get',
				action: 'Get account info',
				description: 'Usage (containers, objects, bytes), quota and metadata of the account',
			},
		],
		default: 'get',
	},
	...get.description,
];
