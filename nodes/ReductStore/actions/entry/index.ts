import type { INodeProperties } from 'n8n-workflow';

import * as remove from './remove';
import * as rename from './rename';

export const operations = { remove, rename };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entry'] } },
		options: [
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove an entry',
				description: 'Remove an entry and all its records',
			},
			{
				name: 'Rename',
				value: 'rename',
				action: 'Rename an entry',
				description: 'Rename an entry',
			},
		],
		default: 'rename',
	},
	...remove.description,
	...rename.description,
];
