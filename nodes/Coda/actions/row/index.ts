import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a row', many: 'rows' },
			{
				delete: 'Delete one row',
				get: 'Get one row',
				list: 'List rows, optionally filtered by a column value',
				update: 'Change the values of one row',
			},
			[
				{
					name: 'Create or Update',
					value: 'upsert',
					action: 'Create or update rows',
					description:
						'Create a new record, or update the current one if it already exists (upsert)',
				},
				{
					name: 'Delete Many',
					value: 'deleteMany',
					action: 'Delete many rows',
					description: 'Delete rows by ID, all items in as few requests as possible',
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
			],
		),
	},
	operations,
);
