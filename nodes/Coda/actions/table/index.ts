import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Table', value: 'table' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a table', many: 'tables' },
			{
				get: "Get a table or view, with its row count and columns' layout",
				list: 'List the tables and views of a doc',
			},
		),
	},
	operations,
);
