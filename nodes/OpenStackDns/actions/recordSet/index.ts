import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a record set', many: 'record sets' },
			{
				create: 'Create the records of a name and type; optionally wait until they are active',
				delete: 'Delete a record set; optionally wait until it is gone',
				get: 'Get a record set by ID',
				list: "A zone's record sets, filtered by name, type, data or status",
				update: "Replace a record set's records, or change its TTL or description",
			},
			[
				{
					name: 'Create or Update',
					value: 'upsert',
					action: 'Create or update a record set',
					description:
						'Create a new record, or update the current one if it already exists (upsert)',
				},
			],
		),
	},
	operations,
);
