import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Subnet', value: 'subnet' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ many: 'subnets' },
			{
				list: 'List subnets (filters: name, network)',
			},
		),
	},
	operations,
);
