import { resourceDescription } from '../../../shared/node/description';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as list from './list';

export const resource = { name: 'Application Credential', value: 'applicationCredential' };

export const operations = { create, delete: del, get, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an application credential',
				description: 'Create one for the current project (roles, expiry); its secret is shown once',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an application credential',
				description: 'Delete an application credential (tokens it issued stop working)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an application credential',
				description: 'Get one by ID',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many application credentials',
				description: "The current user's application credentials",
			},
		],
	},
	operations,
);
