import { resourceDescription } from '../../../shared/node/description';
import * as get from './get';

export const resource = { name: 'Account', value: 'account' };

export const operations = { get };

export const description = resourceDescription(
	resource.value,
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
