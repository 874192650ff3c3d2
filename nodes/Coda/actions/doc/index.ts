import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a doc', many: 'docs' },
			{
				create: 'Create a doc, empty or as a copy of another',
				delete: 'Delete a doc',
				get: "Get a doc's metadata",
				list: 'List the docs the token can access',
				update: "Change a doc's title or icon",
			},
		),
	},
	operations,
);
