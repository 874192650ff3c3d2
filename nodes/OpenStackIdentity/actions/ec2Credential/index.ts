import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as list from './list';

export const resource = { name: 'EC2 Credential', value: 'ec2Credential' };

export const operations = { create, delete: del, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'an EC2 credential', many: 'EC2 credentials' },
			{
				create: 'Access key and secret for the S3 API of a project (the secret is in the output)',
				delete: 'Delete one by its access key',
				list: "The current user's EC2 credentials (access keys and projects)",
			},
		),
	},
	operations,
);
