import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Formula', value: 'formula' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a formula',
				description: 'Get a formula with its current value',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many formulas',
				description: 'List the formulas of a doc',
			},
		],
	},
	operations,
);
