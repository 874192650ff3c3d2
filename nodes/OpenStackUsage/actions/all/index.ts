import type { INodeProperties } from 'n8n-workflow';

import * as getAllUsage from './getAllUsage';

export const operations = { getAllUsage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['all'] } },
		options: [
			{
				name: 'Get All Usage',
				value: 'getAllUsage',
				action: 'Get all usage in one item',
				description:
					'Compute usage for the period, compute, block storage and network quotas with usage, object storage totals',
			},
		],
		default: 'getAllUsage',
	},
	...getAllUsage.description,
];
