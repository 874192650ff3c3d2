import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Column', value: 'column' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a column',
				description: 'Get a column, with its format',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many columns',
				description: 'List the columns of a table or view',
			},
		],
	},
	operations,
);
