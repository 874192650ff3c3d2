import { resourceDescription } from '../../../shared/node/description';
import * as list from './list';

export const resource = { name: 'Project', value: 'project' };

export const operations = { list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many projects',
				description: 'The projects the current user has a role on',
			},
		],
	},
	operations,
);
