import {
	searchImages,
	searchServers,
	searchSnapshots,
	searchVolumes,
} from '../../shared/openstack/resources/pickers';

export const listSearch = { searchImages, searchServers, searchSnapshots, searchVolumes };
