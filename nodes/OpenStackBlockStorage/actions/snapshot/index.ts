import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as list from './list';

export const resource = { name: 'Snapshot', value: 'snapshot' };

export const operations = { create, delete: del, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a volume snapshot', many: 'volume snapshots' },
			{
				create: 'Snapshot a volume, optionally waiting until it is available',
				list: 'List snapshots (filters: name, volume)',
			},
			[{ name: 'Delete', value: 'delete', action: 'Delete a volume snapshot' }],
		),
	},
	operations,
);
