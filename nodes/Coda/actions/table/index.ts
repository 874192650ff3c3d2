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
		displayOptions: { show: { resource: ['table'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a table',
				description: "Get a table or view, with its row count and columns' layout",
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many tables',
				description: 'List the tables and views of a doc',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
