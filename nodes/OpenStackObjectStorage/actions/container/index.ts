import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';
import * as update from './update';

export const resource = { name: 'Container', value: 'container' };

export const operations = { create, delete: del, get, list, update };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a container', many: 'containers' },
			{
				create: 'Create a container, with metadata and a storage policy',
				delete: 'Delete a container (a non-empty one only with Force)',
				get: 'Object count, bytes used, metadata and policy of a container',
				list: 'List the containers',
			},
			[
				{
					name: 'Update Metadata',
					value: 'update',
					action: 'Update container metadata',
					description: 'Set or remove metadata entries of a container',
				},
			],
		),
	},
	operations,
);
