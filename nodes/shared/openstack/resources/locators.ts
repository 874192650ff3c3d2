import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { listLocator } from '../../node/description';

/**
 * The resource locators of the infrastructure nodes: "From List" (a picker), "By ID" and "By
 * Name". Their parameter names, modes and search methods are what saved workflows hold.
 */

function byName(placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
	return { displayName: 'By Name', name: 'name', type: 'string', placeholder };
}

export interface LocatorOptions {
	name: string;
	displayName: string;
	description: string;
	searchMethod: string;
	idPlaceholder: string;
	namePlaceholder?: string;
	required?: boolean;
}

export function openStackLocator(options: LocatorOptions): INodeProperties {
	return listLocator({
		name: options.name,
		displayName: options.displayName,
		description: options.description,
		searchMethod: options.searchMethod,
		placeholder: options.idPlaceholder,
		typedMode: 'id',
		required: options.required,
		extraModes: options.namePlaceholder ? [byName(options.namePlaceholder)] : [],
	});
}

const UUID_PLACEHOLDER = 'e.g. 4e7b5d1c-0a3f-4c55-9a8e-2b1f0c9d7e61';

export type LocatorOverrides = Partial<LocatorOptions>;

/** A locator of a resource whose IDs are UUIDs. */
function uuidLocator(
	searchMethod: string,
	defaults: Omit<LocatorOptions, 'searchMethod' | 'idPlaceholder'>,
): (overrides?: LocatorOverrides) => INodeProperties {
	return (overrides = {}) =>
		openStackLocator({ ...defaults, idPlaceholder: UUID_PLACEHOLDER, searchMethod, ...overrides });
}

export const serverLocator = uuidLocator('searchServers', {
	name: 'server',
	displayName: 'Server',
	description: 'The server (instance)',
	namePlaceholder: 'e.g. web-1',
});

export const flavorLocator = (overrides: LocatorOverrides = {}) =>
	openStackLocator({
		name: 'flavor',
		displayName: 'Flavor',
		description: 'The flavor (size: vCPUs, RAM, disk)',
		searchMethod: 'searchFlavors',
		idPlaceholder: 'e.g. 57a9ab9d-6f35-484e-b6cb-0ca81ce6c2ba',
		namePlaceholder: 'e.g. a2-ram4-disk50-perf1',
		...overrides,
	});

export const imageLocator = uuidLocator('searchImages', {
	name: 'image',
	displayName: 'Image',
	description: 'The image (Glance)',
	namePlaceholder: 'e.g. Debian 12 bookworm',
});

export const networkLocator = uuidLocator('searchNetworks', {
	name: 'network',
	displayName: 'Network',
	description: 'The network (Neutron)',
	namePlaceholder: 'e.g. my-network',
});

export const externalNetworkLocator = uuidLocator('searchExternalNetworks', {
	name: 'externalNetwork',
	displayName: 'External Network',
	description: 'The external (public) network, e.g. ext-floating1 at Infomaniak',
	namePlaceholder: 'e.g. ext-floating1',
});

export const subnetLocator = uuidLocator('searchSubnets', {
	name: 'subnet',
	displayName: 'Subnet',
	description: 'The subnet',
	namePlaceholder: 'e.g. my-subnet',
});

export const routerLocator = uuidLocator('searchRouters', {
	name: 'router',
	displayName: 'Router',
	description: 'The router',
	namePlaceholder: 'e.g. my-router',
});

export const securityGroupLocator = uuidLocator('searchSecurityGroups', {
	name: 'securityGroup',
	displayName: 'Security Group',
	description: 'The security group',
	namePlaceholder: 'e.g. ssh-only',
});

export const floatingIpLocator = (overrides: LocatorOverrides = {}) =>
	openStackLocator({
		name: 'floatingIp',
		displayName: 'Floating IP',
		description: 'The floating IP, by ID or by its address',
		searchMethod: 'searchFloatingIps',
		idPlaceholder: UUID_PLACEHOLDER,
		namePlaceholder: 'e.g. 195.15.240.12',
		...overrides,
	});

export const loadBalancerLocator = uuidLocator('searchLoadBalancers', {
	name: 'loadBalancer',
	displayName: 'Load Balancer',
	description: 'The load balancer (Octavia)',
	namePlaceholder: 'e.g. web-lb',
});

export const volumeLocator = uuidLocator('searchVolumes', {
	name: 'volume',
	displayName: 'Volume',
	description: 'The volume (Cinder)',
	namePlaceholder: 'e.g. data-1',
});

export const snapshotLocator = uuidLocator('searchSnapshots', {
	name: 'snapshot',
	displayName: 'Snapshot',
	description: 'The volume snapshot',
	namePlaceholder: 'e.g. data-1-before-upgrade',
});

export const keyPairLocator = (overrides: LocatorOverrides = {}) =>
	listLocator({
		name: 'keyPair',
		displayName: 'Key Pair',
		description: 'The SSH key pair, by name',
		searchMethod: 'searchKeyPairs',
		placeholder: 'e.g. my-laptop',
		typedMode: 'name',
		...overrides,
	});
