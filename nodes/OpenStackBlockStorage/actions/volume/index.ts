import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as attach from './attach';
import * as create from './create';
import * as del from './delete';
import * as detach from './detach';
import * as extend from './extend';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Volume', value: 'volume' };

export const operations = { attach, create, delete: del, detach, extend, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a volume', many: 'volumes' },
			{
				create: 'An empty volume, or one from an image or a snapshot',
				get: 'Get a volume by ID or name',
				list: 'List volumes',
			},
			[
				{
					name: 'Attach',
					value: 'attach',
					action: 'Attach a volume to a server',
					description: 'Attach through Compute, optionally waiting until it is in-use',
				},
				{ name: 'Delete', value: 'delete', action: 'Delete a volume' },
				{
					name: 'Detach',
					value: 'detach',
					action: 'Detach a volume from a server',
					description: 'Detach, optionally waiting until it is available',
				},
				{
					name: 'Extend',
					value: 'extend',
					action: 'Extend a volume',
					description: 'Grow a volume, optionally waiting until it has its new size',
				},
			],
		),
	},
	operations,
);
