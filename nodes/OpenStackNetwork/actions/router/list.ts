import { nameFilter } from '../common';
import { neutronList } from '../list';

export const { description, execute } = neutronList({
	resource: 'router',
	path: '/routers',
	itemsKey: 'routers',
	filters: [nameFilter('routers')],
	rules: { name: 'name' },
});
