import type { INodeProperties } from 'n8n-workflow';

import * as getLimits from './getLimits';

export const operations = { getLimits };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blockStorage'] } },
		options: [
			{
				name: 'Get Limits and Quota Usage',
				value: 'getLimits',
				action: 'Get block storage limits and quota usage',
				description:
					'Volumes, gigabytes, snapshots, backups (also per volume type): limit, used, remaining',
			},
		],
		default: 'getLimits',
	},
	...getLimits.description,
];
