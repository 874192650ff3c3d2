import { resourceDescription } from '../../../shared/node/description';
import * as del from './delete';
import * as deleteMany from './deleteMany';
import * as get from './get';
import * as insert from './insert';
import * as list from './list';
import * as pushButton from './pushButton';
import * as update from './update';
import * as upsert from './upsert';

export const resource = { name: 'Row', value: 'row' };

export const operations = {
	delete: del,
	deleteMany,
	get,
	insert,
	list,
	pushButton,
	update,
	upsert,
};

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update rows',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a row', description: 'Delete one row' },
			{
				name: 'Delete Many',
				value: 'deleteMany',
				action: 'Delete many rows',
				description: 'Delete rows by ID, all items in as few requests as possible',
			},
			{ name: 'Get', value: 'get', action: 'Get a row', description: 'Get one row' },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many rows',
				description: 'List rows, optionally filtered by a column value',
			},
			{
				name: 'Insert Many',
				value: 'insert',
				action: 'Insert rows',
				description: 'Add one row per input item, all items in as few requests as possible',
			},
			{
				name: 'Push Button',
				value: 'pushButton',
				action: 'Push a button',
				description: "Push the button in a row's button column",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a row',
				description: 'Change the values of one row',
			},
		],
	},
	operations,
);
