import { statusFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'floatingIp',
	path: '/floatingips',
	itemsKey: 'floatingips',
	filters: [
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			default: '',
			placeholder: 'e.g. 195.15.240.12',
		},
		statusFilter(
			[
				{ name: 'Active (Associated)', value: 'ACTIVE' },
				{ name: 'Down (Free)', value: 'DOWN' },
				{ name: 'Error', value: 'ERROR' },
			],
			'DOWN',
		),
	],
	rules: { address: 'floating_ip_address', status: 'status' },
});
