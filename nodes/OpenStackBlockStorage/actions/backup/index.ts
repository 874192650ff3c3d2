import type { INodeProperties } from 'n8n-workflow';

import * as list from './list';

export const operations = { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['backup'] } },
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many volume backups',
				description: 'List volume backups (filter: volume)',
			},
		],
		default: 'list',
	},
	...list.description,
];
