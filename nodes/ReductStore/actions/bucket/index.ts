import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as rename from './rename';
import * as update from './update';

export const resource = { name: 'Bucket', value: 'bucket' };

export const operations = { create, delete: del, get, rename, update };

export const description = resourceDescription(
	resource.value,
	{
		default: 'get',
		options: operationOptions(
			{ one: 'a bucket' },
			{
				create: 'Create a bucket with its settings',
				delete: 'Delete a bucket and all its data',
				get: 'Get the settings, info and entry list of a bucket',
			},
			[
				{
					name: 'Rename',
					value: 'rename',
					action: 'Rename a bucket',
					description: 'Rename a bucket',
				},
				{
					name: 'Update Settings',
					value: 'update',
					action: 'Update bucket settings',
					description: 'Change the quota or block settings of a bucket',
				},
			],
		),
	},
	operations,
);
