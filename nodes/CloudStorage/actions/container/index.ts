import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Container', value: 'container' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a container', many: 'containers' },
			{
				create: 'Create a container (bucket)',
				delete: 'Delete a container; a non-empty one only with "Force"',
				get: 'Get a container',
				list: 'List the containers',
			},
		),
	},
	operations,
);
