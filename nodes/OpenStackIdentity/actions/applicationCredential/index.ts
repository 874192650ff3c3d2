import { operationOptions, resourceDescription } from '../../../shared/node/description';
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
		options: operationOptions(
			{ one: 'an application credential', many: 'application credentials' },
			{
				create: 'Create one for the current project (roles, expiry); its secret is shown once',
				delete: 'Delete an application credential (tokens it issued stop working)',
				get: 'Get one by ID',
				list: "The current user's application credentials",
			},
		),
	},
	operations,
);
