import { resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Port', value: 'port' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many ports',
				description: 'List ports (filters: network, server, status)',
			},
		],
	},
	operations,
);
