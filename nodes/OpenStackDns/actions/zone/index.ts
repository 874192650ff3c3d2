import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a zone', many: 'zones' },
			{
				create: 'Create a primary zone (name, e-mail, TTL); optionally wait until it is active',
				delete: 'Delete a zone and its record sets; optionally wait until it is gone',
				get: 'Get a zone by name or ID',
				list: "The project's zones, filtered by name or status",
				update: "Change a zone's e-mail, TTL or description",
			},
		),
	},
	operations,
);
