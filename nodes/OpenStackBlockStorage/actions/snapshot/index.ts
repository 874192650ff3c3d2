import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';
import * as list from './list';

export const operations = { create, delete: del, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['snapshot'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a volume snapshot',
				description: 'Snapshot a volume, optionally waiting until it is available',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a volume snapshot' },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many volume snapshots',
				description: 'List snapshots (filters: name, volume)',
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...list.description,
];
