import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a replication', many: 'replications' },
			{
				create: 'Create a replication task to another server',
				delete: 'Delete a replication task',
				get: 'Get the settings, state and diagnostics of a replication task',
				list: 'List the replication tasks',
				update: 'Change settings of a replication task',
			},
			[
				{
					name: 'Set Mode',
					value: 'setMode',
					action: 'Set the mode of a replication',
					description: 'Enable, pause or disable a replication task',
				},
			],
		),
	},
	operations,
);
