import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'a bucket', many: 'buckets' },
			{
				create: 'Create a bucket in a location and storage class',
				delete: 'Delete a bucket; a non-empty one only with "Force"',
				get: "Get a bucket's metadata",
				list: "List the project's buckets",
			},
		),
	},
	operations,
);
