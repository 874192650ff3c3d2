import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as setMetadata from './setMetadata';

export const resource = { name: 'Container', value: 'container' };

export const operations = { create, delete: del, get, list, setMetadata };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a container', many: 'containers' },
			{
				create: 'Create a container, or ensure it exists',
				delete: 'Delete a container; a non-empty one only with "Force"',
				get: 'Get the properties and metadata of a container',
				list: 'List the containers of the account',
			},
			[
				{
					name: 'Set Metadata',
					value: 'setMetadata',
					action: 'Set container metadata',
					description: "Replace a container's metadata",
				},
			],
		),
	},
	operations,
);
