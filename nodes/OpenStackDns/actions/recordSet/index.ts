import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as update from './update';
import * as upsert from './upsert';

export const resource = { name: 'Record Set', value: 'recordSet' };

export const operations = { create, delete: del, get, list, update, upsert };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a record set',
				description: 'Create the records of a name and type; optionally wait until they are active',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a record set',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a record set',
				description: 'Delete a record set; optionally wait until it is gone',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a record set',
				description: 'Get a record set by ID',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many record sets',
				description: "A zone's record sets, filtered by name, type, data or status",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a record set',
				description: "Replace a record set's records, or change its TTL or description",
			},
		],
	},
	operations,
);
