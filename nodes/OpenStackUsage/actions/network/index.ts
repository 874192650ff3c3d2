import type { INodeProperties } from 'n8n-workflow';

import * as getQuotaUsage from './getQuotaUsage';

export const operations = { getQuotaUsage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['network'] } },
		options: [
			{
				name: 'Get Quota Usage',
				value: 'getQuotaUsage',
				action: 'Get network quota usage',
				description:
					'Networks, subnets, ports, routers, floating IPs, security groups and rules: limit, used, remaining',
			},
		],
		default: 'getQuotaUsage',
	},
	...getQuotaUsage.description,
];
