import { operationOptions, resourceDescription } from '../../../shared/node/description';
import * as associate from './associate';
import * as create from './create';
import * as del from './delete';
import * as disassociate from './disassociate';
import * as list from './list';

export const resource = { name: 'Floating IP', value: 'floatingIp' };

export const operations = { associate, create, delete: del, disassociate, list };

export const description = resourceDescription(
	resource.value,
	{
		default: 'list',
		options: operationOptions(
			{ one: 'a floating IP', many: 'floating IP addresses' },
			{
				create: 'Allocate a public address from an external network',
				delete: 'Release the address',
				list: 'List floating IPs',
			},
			[
				{
					name: 'Associate',
					value: 'associate',
					action: 'Associate a floating IP with a server',
					description: "Map a floating IP to a server's port",
				},
				{
					name: 'Disassociate',
					value: 'disassociate',
					action: 'Disassociate a floating IP',
					description: 'Unmap it from its server (the address is kept)',
				},
			],
		),
	},
	operations,
);
