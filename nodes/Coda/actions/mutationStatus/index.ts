import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mutationStatus'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a mutation status',
				description: 'Whether Coda has applied a queued write',
			},
		],
		default: 'get',
	},
	...get.description,
];
