import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as list from './list';

export const resource = { name: 'Snapshot', value: 'snapshot' };

export const operations = { create, delete: del, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
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
	},
	operations,
);
