import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as exists from './exists';
import * as getRegion from './getRegion';
import * as list from './list';

export const resource = { name: 'Bucket', value: 'bucket' };

export const operations = { create, delete: del, exists, getRegion, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a bucket', many: 'buckets' },
			{
				create: 'Create a bucket, optionally succeeding if you already have it',
				delete: 'Delete a bucket; a non-empty one only with "Force"',
				list: 'List the buckets of the account',
			},
			[
				{
					name: 'Exists',
					value: 'exists',
					action: 'Check whether a bucket exists',
					description: 'Check whether a bucket exists and is accessible',
				},
				{
					name: 'Get Region',
					value: 'getRegion',
					action: 'Get the region of a bucket',
					description: 'Get the region a bucket lives in',
				},
			],
		),
	},
	operations,
);
