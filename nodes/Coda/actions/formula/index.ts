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
		displayOptions: { show: { resource: ['formula'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a formula',
				description: 'Get a formula with its current value',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many formulas',
				description: 'List the formulas of a doc',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
