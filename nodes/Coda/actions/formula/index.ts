import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Formula', value: 'formula' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a formula', many: 'formulas' },
			{
				get: 'Get a formula with its current value',
				list: 'List the formulas of a doc',
			},
		),
	},
	operations,
);
