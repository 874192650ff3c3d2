import {
	getSecurityGroups,
	searchFlavors,
	searchImages,
	searchKeyPairs,
	searchNetworks,
	searchServers,
} from '../../shared/openstack/resources/pickers';

export const listSearch = {
	searchFlavors,
	searchImages,
	searchKeyPairs,
	searchNetworks,
	searchServers,
};

export const loadOptions = { getSecurityGroups };
