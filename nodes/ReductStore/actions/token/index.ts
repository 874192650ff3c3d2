import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as get from './get';
import * as list from './list';
import * as remove from './remove';
import * as rotate from './rotate';

export const resource = { name: 'Token', value: 'token' };

export const operations = { create, get, list, remove, rotate };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a token', many: 'tokens' },
			{
				create: 'Create a token and get its secret value',
				get: 'Get the permissions and expiry of a token',
				list: 'List the tokens of the server',
			},
			[
				{
					name: 'Remove',
					value: 'remove',
					action: 'Remove a token',
					description: 'Remove (revoke) a token',
				},
				{
					name: 'Rotate',
					value: 'rotate',
					action: 'Rotate a token',
					description: 'Give a token a new secret value',
				},
			],
		),
	},
	operations,
);
