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
		displayOptions: { show: { resource: ['control'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a control',
				description: 'Get a control with its current value',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many controls',
				description: 'List the controls of a doc',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
