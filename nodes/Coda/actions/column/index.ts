import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Column', value: 'column' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a column', many: 'columns' },
			{
				get: 'Get a column, with its format',
				list: 'List the columns of a table or view',
			},
		),
	},
	operations,
);
