import { resourceDescription } from '../../../shared/node/description';
import * as getCurrent from './get';

export const resource = { name: 'User', value: 'user' };

export const operations = { getCurrent };

export const description = resourceDescription(
	resource.value,
	{
		default: 'getCurrent',
		options: [
			{
				name: 'Get Current',
				value: 'getCurrent',
				action: 'Get the current user',
				description: 'The authenticated user, project, roles, services and token expiry',
			},
		],
	},
	operations,
);
