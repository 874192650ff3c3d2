import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Bucket', value: 'bucket' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a bucket',
				description: 'Create a bucket in a location and storage class',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a bucket',
				description: 'Delete a bucket; a non-empty one only with "Force"',
			},
			{ name: 'Get', value: 'get', action: 'Get a bucket', description: "Get a bucket's metadata" },
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many buckets',
				description: "List the project's buckets",
			},
		],
	},
	operations,
);
