import { nameFilter, statusFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'loadBalancer',
	service: 'load-balancer',
	path: '/lbaas/loadbalancers',
	itemsKey: 'loadbalancers',
	filters: [
		nameFilter('load balancers'),
		statusFilter(
			['ACTIVE', 'ERROR', 'PENDING_CREATE', 'PENDING_DELETE', 'PENDING_UPDATE'],
			'ACTIVE',
			'Provisioning Status',
			'provisioningStatus',
		),
	],
	rules: { name: 'name', provisioningStatus: 'provisioning_status' },
});
