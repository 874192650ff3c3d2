import { resourceDescription } from '../../../shared/node/description';
import * as getLimits from './getLimits';

export const resource = { name: 'Block Storage', value: 'blockStorage' };

export const operations = { getLimits };

export const description = resourceDescription(
	resource.value,
	{
		default: 'getLimits',
		options: [
			{
				name: 'Get Limits and Quota Usage',
				value: 'getLimits',
				action: 'Get block storage limits and quota usage',
				description:
					'Volumes, gigabytes, snapshots, backups (also per volume type): limit, used, remaining',
			},
		],
	},
	operations,
);
