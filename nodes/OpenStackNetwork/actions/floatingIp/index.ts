import { resourceDescription } from '../../../shared/node/description';
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
		options: [
			{
				name: 'Associate',
				value: 'associate',
				action: 'Associate a floating IP with a server',
				description: "Map a floating IP to a server's port",
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a floating IP',
				description: 'Allocate a public address from an external network',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a floating IP',
				description: 'Release the address',
			},
			{
				name: 'Disassociate',
				value: 'disassociate',
				action: 'Disassociate a floating IP',
				description: 'Unmap it from its server (the address is kept)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many floating IP addresses',
				description: 'List floating IPs',
			},
		],
	},
	operations,
);
