import { nameFilter, statusFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'network',
	path: '/networks',
	itemsKey: 'networks',
	filters: [
		{
			displayName: 'External',
			name: 'external',
			type: 'boolean',
			default: true,
			description: 'Whether to list only external (public) networks, or only the others',
		},
		nameFilter('networks'),
		statusFilter(['ACTIVE', 'BUILD', 'DOWN', 'ERROR'], 'ACTIVE'),
	],
	rules: { name: 'name', status: 'status', external: 'router:external' },
});
