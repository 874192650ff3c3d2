import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Control', value: 'control' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a control', many: 'controls' },
			{
				get: 'Get a control with its current value',
				list: 'List the controls of a doc',
			},
		),
	},
	operations,
);
