import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Table', value: 'table' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a table',
				description: "Get a table or view, with its row count and columns' layout",
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many tables',
				description: 'List the tables and views of a doc',
			},
		],
	},
	operations,
);
