import { resourceDescription } from '../../../shared/node/description';
import * as getAllUsage from './getAllUsage';

export const resource = { name: 'All', value: 'all' };

export const operations = { getAllUsage };

export const description = resourceDescription(
	resource.value,
	{
		default: 'getAllUsage',
		options: [
			{
				name: 'Get All Usage',
				value: 'getAllUsage',
				action: 'Get all usage in one item',
				description:
					'Compute usage for the period, compute, block storage and network quotas with usage, object storage totals',
			},
		],
	},
	operations,
);
