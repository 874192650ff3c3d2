import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Key Pair', value: 'keyPair' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a key pair', many: 'key pairs' },
			{
				create: 'Import a public key, or let the server generate a pair (private key shown once)',
				get: 'Get a key pair by name',
				list: 'List the SSH key pairs',
			},
			[{ name: 'Delete', value: 'delete', action: 'Delete a key pair' }],
		),
	},
	operations,
);
