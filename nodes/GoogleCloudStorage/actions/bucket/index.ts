import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const operations = { create, delete: del, get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bucket'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a bucket',
				description: 'Create a bucket in a location and storage class',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a bucket',
				description: 'Delete a bucket; a non-empty one only with "Force"',
			},
			{ name: 'Get', value: 'get', action: 'Get a bucket', description: "Get a bucket's metadata" },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many buckets',
				description: "List the project's buckets",
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...get.description,
	...list.description,
];
