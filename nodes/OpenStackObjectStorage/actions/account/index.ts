import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';

export const operations = { get };

export const description = resourceDescription(
	'account',
	{
		default: 'get',
		options: [
			{
				name: 'Get Info',
				value: 'get',
				action: 'Get account info',
				description: 'Usage (containers, objects, bytes), quota and metadata of the account',
			},
		],
	},
	operations,
);
