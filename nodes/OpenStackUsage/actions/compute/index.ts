import { resourceDescription } from '../../../shared/node/description';
import * as getLimits from './getLimits';
import * as getUsage from './getUsage';

export const resource = { name: 'Compute', value: 'compute' };

export const operations = { getLimits, getUsage };

export const description = resourceDescription(
	resource.value,
	{
		default: 'getUsage',
		options: [
			{
				name: 'Get Limits and Quotas',
				value: 'getLimits',
				action: 'Get compute limits and quotas with usage',
				description: 'Instances, vCPUs, RAM, key pairs, server groups: limit, used, remaining',
			},
			{
				name: 'Get Usage for Period',
				value: 'getUsage',
				action: 'Get compute usage for a period',
				description: 'Server hours, vCPU hours, RAM and disk hours of the project',
			},
		],
	},
	operations,
);
