import { networkFinder } from '../../../shared/openstack/resources/network';
import { nameFilter, relatedFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'subnet',
	path: '/subnets',
	itemsKey: 'subnets',
	filters: [
		nameFilter('subnets'),
		relatedFilter('Network', 'e.g. app-network', 'Only the subnets of this network'),
	],
	rules: {
		name: 'name',
		network: { query: 'network_id', finder: networkFinder, label: 'Network' },
	},
});
