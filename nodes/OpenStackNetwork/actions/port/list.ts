import { serverFinder } from '../../../shared/openstack/resources/compute';
import { networkFinder } from '../../../shared/openstack/resources/network';
import { relatedFilter, statusFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'port',
	path: '/ports',
	itemsKey: 'ports',
	filters: [
		relatedFilter('Network', 'e.g. app-network', 'Only the ports on this network'),
		relatedFilter('Server', 'e.g. web-1', 'Only the ports of this server'),
		statusFilter(['ACTIVE', 'BUILD', 'DOWN', 'ERROR'], 'ACTIVE'),
	],
	rules: {
		status: 'status',
		network: { query: 'network_id', finder: networkFinder, label: 'Network' },
		server: { query: 'device_id', finder: serverFinder, label: 'Server' },
	},
});
