import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as list from './list';

export const resource = { name: 'EC2 Credential', value: 'ec2Credential' };

export const operations = { create, delete: del, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an EC2 credential',
				description:
					'Access key and secret for the S3 API of a project (the secret is in the output)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an EC2 credential',
				description: 'Delete one by its access key',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many EC2 credentials',
				description: "The current user's EC2 credentials (access keys and projects)",
			},
		],
	},
	operations,
);
