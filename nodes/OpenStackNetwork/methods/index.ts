import {
	searchExternalNetworks,
	searchFloatingIps,
	searchLoadBalancers,
	searchNetworks,
	searchRouters,
	searchSecurityGroups,
	searchServers,
	searchSubnets,
} from '../../shared/openstack/resources/pickers';

export const listSearch = {
	searchExternalNetworks,
	searchFloatingIps,
	searchLoadBalancers,
	searchNetworks,
	searchRouters,
	searchSecurityGroups,
	searchServers,
	searchSubnets,
};
