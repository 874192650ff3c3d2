import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Flavor', value: 'flavor' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a flavor', many: 'flavors' },
			{
				get: 'Get a flavor by ID or name',
				list: 'List the flavors (vCPUs, RAM, disk) servers can be created with',
			},
		),
	},
	operations,
);
