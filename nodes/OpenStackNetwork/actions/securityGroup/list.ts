import { nameFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'securityGroup',
	path: '/security-groups',
	itemsKey: 'security_groups',
	filters: [nameFilter('security groups')],
	rules: { name: 'name' },
});
