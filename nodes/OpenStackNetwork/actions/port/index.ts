import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Port', value: 'port' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ many: 'ports' },
			{
				list: 'List ports (filters: network, server, status)',
			},
		),
	},
	operations,
);
