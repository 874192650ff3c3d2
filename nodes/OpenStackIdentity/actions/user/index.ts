import type { INodeProperties } from 'n8n-workflow';

import * as getCurrent from './get';

export const operations = { getCurrent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Current',
				value: 'getCurrent',
				action: 'Get the current user',
				description: 'The authenticated user, project, roles, services and token expiry',
			},
		],
		default: 'getCurrent',
	},
	...getCurrent.description,
];
