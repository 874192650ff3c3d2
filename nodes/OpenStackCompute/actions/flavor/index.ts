import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Flavor', value: 'flavor' };

export const operations = { get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a flavor',
				description: 'Get a flavor by ID or name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many flavors',
				description: 'List the flavors (vCPUs, RAM, disk) servers can be created with',
			},
		],
	},
	operations,
);
