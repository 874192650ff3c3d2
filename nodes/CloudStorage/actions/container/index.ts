import { resourceDescription } from '../../../shared/node/description';
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
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a container',
				description: 'Create a container (bucket)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a container',
				description: 'Delete a container; a non-empty one only with "Force"',
			},
			{ name: 'Get', value: 'get', action: 'Get a container', description: 'Get a container' },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many containers',
				description: 'List the containers',
			},
		],
	},
	operations,
);
