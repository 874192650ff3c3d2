import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as setMode from './setMode';
import * as update from './update';

export const resource = { name: 'Replication', value: 'replication' };

export const operations = { create, delete: del, get, list, setMode, update };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a replication',
				description: 'Create a replication task to another server',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a replication',
				description: 'Delete a replication task',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a replication',
				description: 'Get the settings, state and diagnostics of a replication task',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many replications',
				description: 'List the replication tasks',
			},
			{
				name: 'Set Mode',
				value: 'setMode',
				action: 'Set the mode of a replication',
				description: 'Enable, pause or disable a replication task',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a replication',
				description: 'Change settings of a replication task',
			},
		],
	},
	operations,
);
