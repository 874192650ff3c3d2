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
		displayOptions: { show: { resource: ['column'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a column',
				description: 'Get a column, with its format',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many columns',
				description: 'List the columns of a table or view',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
