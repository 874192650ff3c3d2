import { resourceDescription } from '../../../shared/node/description';
import * as getQuotaUsage from './getQuotaUsage';

export const resource = { name: 'Network', value: 'network' };

export const operations = { getQuotaUsage };

export const description = resourceDescription(
	resource.value,
	{
		default: 'getQuotaUsage',
		options: [
			{
				name: 'Get Quota Usage',
				value: 'getQuotaUsage',
				action: 'Get network quota usage',
				description:
					'Networks, subnets, ports, routers, floating IPs, security groups and rules: limit, used, remaining',
			},
		],
	},
	operations,
);
