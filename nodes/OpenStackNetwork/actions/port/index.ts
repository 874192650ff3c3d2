import { resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const operations = { list };

export const description = resourceDescription(
	'port',
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
