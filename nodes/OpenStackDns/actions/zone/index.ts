import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as update from './update';

export const resource = { name: 'Zone', value: 'zone' };

export const operations = { create, delete: del, get, list, update };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a zone',
				description:
					'Create a primary zone (name, e-mail, TTL); optionally wait until it is active',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a zone',
				description: 'Delete a zone and its record sets; optionally wait until it is gone',
			},
			{ name: 'Get', value: 'get', action: 'Get a zone', description: 'Get a zone by name or ID' },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many zones',
				description: "The project's zones, filtered by name or status",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a zone',
				description: "Change a zone's e-mail, TTL or description",
			},
		],
	},
	operations,
);
