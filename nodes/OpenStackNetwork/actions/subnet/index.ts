import { resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Subnet', value: 'subnet' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many subnets',
				description: 'List subnets (filters: name, network)',
			},
		],
	},
	operations,
);
