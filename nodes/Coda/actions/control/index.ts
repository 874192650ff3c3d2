import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Control', value: 'control' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a control',
				description: 'Get a control with its current value',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many controls',
				description: 'List the controls of a doc',
			},
		],
	},
	operations,
);
