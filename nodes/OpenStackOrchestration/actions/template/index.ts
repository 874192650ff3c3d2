import type { INodeProperties } from 'n8n-workflow';

import * as validate from './validate';

export const operations = { validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Validate',
				value: 'validate',
				action: 'Validate a template',
				description:
					"Check a template with Heat without creating anything: its parameters and description, or Heat's reason it is invalid",
			},
		],
		default: 'validate',
	},
	...validate.description,
];
