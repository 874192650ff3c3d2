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
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an image',
				description: 'Get an image by ID or name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many images',
				description: "List the images of the cloud's image service (Glance)",
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
