import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Project', value: 'project' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ many: 'projects' },
			{
				list: 'The projects the current user has a role on',
			},
		),
	},
	operations,
);
