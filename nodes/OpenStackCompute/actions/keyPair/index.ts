import { resourceDescription } from '../../../shared/node/description';
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
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a key pair',
				description:
					'Import a public key, or let the server generate a pair (private key shown once)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a key pair' },
			{
				name: 'Get',
				value: 'get',
				action: 'Get a key pair',
				description: 'Get a key pair by name',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many key pairs',
				description: 'List the SSH key pairs',
			},
		],
	},
	operations,
);
