import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as update from './update';

export const resource = { name: 'Doc', value: 'doc' };

export const operations = { create, delete: del, get, list, update };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a doc',
				description: 'Create a doc, empty or as a copy of another',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a doc', description: 'Delete a doc' },
			{ name: 'Get', value: 'get', action: 'Get a doc', description: "Get a doc's metadata" },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many docs',
				description: 'List the docs the token can access',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a doc',
				description: "Change a doc's title or icon",
			},
		],
	},
	operations,
);
