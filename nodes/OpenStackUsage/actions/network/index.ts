import { resourceDescription } from '../../../shared/node/description';
import * as getQuotaUsage from './getQuotaUsage';

export const operations = { getQuotaUsage };

export const description = resourceDescription(
	'network',
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
