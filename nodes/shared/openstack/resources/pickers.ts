import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { picker } from '../../node/pickers';

import { KEYPAIR_MICROVERSION, serviceRequest, type ServiceName } from './api';

/**
 * The pickers ("From List") of the infrastructure nodes: one page per call, the next page's
 * marker as n8n's pagination token, the filter matched against name and ID.
 */

const PAGE_SIZE = 200;

interface PickerSpec {
	service: ServiceName;
	path: string;
	/** Where the items are in the answer. */
	itemsKey: string;
	qs?: IDataObject;
	microversion?: string;
	/** The item inside its wrapper (key pairs come as `{keypair: {…}}`). */
	unwrap?: (entry: IDataObject) => IDataObject;
	/** The value the locator gets: the ID by default. */
	idOf?: (item: IDataObject) => string;
	/** What the list shows. */
	label: (item: IDataObject) => string;
	/** The `marker` of the next page: the value by default. */
	markerOf?: (item: IDataObject) => string;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

function resourcePicker(spec: PickerSpec) {
	const idOf = spec.idOf ?? ((item: IDataObject) => text(item.id));
	return picker<IDataObject>({
		page: async (ctx, _filter, marker) => {
			const answer = await serviceRequest<IDataObject>(ctx, spec.service, {
				path: spec.path,
				qs: { ...spec.qs, limit: PAGE_SIZE, ...(marker ? { marker } : {}) },
				microversion: spec.microversion,
			});
			const entries = (answer[spec.itemsKey] as IDataObject[] | undefined) ?? [];
			const items = spec.unwrap ? entries.map(spec.unwrap) : entries;
			const last = items[items.length - 1];
			const next = items.length >= PAGE_SIZE && last ? (spec.markerOf ?? idOf)(last) : undefined;
			return { items, next };
		},
		searchIn: (item) => [spec.label(item), idOf(item)],
		result: (item) => ({ name: spec.label(item), value: idOf(item) }),
	});
}

const named = (item: IDataObject) => text(item.name) || text(item.id);

export const searchServers = resourcePicker({
	service: 'compute',
	path: '/servers/detail',
	itemsKey: 'servers',
	label: (server) => `${named(server)} (${text(server.status)})`,
});

export const searchFlavors = resourcePicker({
	service: 'compute',
	path: '/flavors/detail',
	itemsKey: 'flavors',
	label: (flavor) =>
		`${named(flavor)} (${text(flavor.vcpus)} vCPU, ${Number(flavor.ram) / 1024} GB RAM, ${text(flavor.disk)} GB disk)`,
});

export const searchKeyPairs = resourcePicker({
	service: 'compute',
	path: '/os-keypairs',
	itemsKey: 'keypairs',
	microversion: KEYPAIR_MICROVERSION,
	unwrap: (entry) => (entry.keypair as IDataObject) ?? entry,
	idOf: (keyPair) => text(keyPair.name),
	label: (keyPair) => `${text(keyPair.name)} (${text(keyPair.type) || 'ssh'})`,
});

export const searchImages = resourcePicker({
	service: 'image',
	path: '/images',
	itemsKey: 'images',
	qs: { status: 'active' },
	label: named,
});

export const searchNetworks = resourcePicker({
	service: 'network',
	path: '/networks',
	itemsKey: 'networks',
	label: (network) =>
		`${named(network)}${network['router:external'] === true ? ' (external)' : ''}`,
});

export const searchExternalNetworks = resourcePicker({
	service: 'network',
	path: '/networks',
	itemsKey: 'networks',
	qs: { 'router:external': true },
	label: named,
});

export const searchSubnets = resourcePicker({
	service: 'network',
	path: '/subnets',
	itemsKey: 'subnets',
	label: (subnet) => `${named(subnet)} (${text(subnet.cidr)})`,
});

export const searchRouters = resourcePicker({
	service: 'network',
	path: '/routers',
	itemsKey: 'routers',
	label: named,
});

export const searchSecurityGroups = resourcePicker({
	service: 'network',
	path: '/security-groups',
	itemsKey: 'security_groups',
	label: named,
});

export const searchFloatingIps = resourcePicker({
	service: 'network',
	path: '/floatingips',
	itemsKey: 'floatingips',
	label: (ip) =>
		`${text(ip.floating_ip_address)}${ip.fixed_ip_address ? ` → ${text(ip.fixed_ip_address)}` : ' (free)'}`,
});

export const searchLoadBalancers = resourcePicker({
	service: 'load-balancer',
	path: '/lbaas/loadbalancers',
	itemsKey: 'loadbalancers',
	label: (lb) => `${named(lb)} (${text(lb.vip_address)})`,
});

export const searchVolumes = resourcePicker({
	service: 'block-storage',
	path: '/volumes/detail',
	itemsKey: 'volumes',
	label: (volume) => `${named(volume)} (${text(volume.size)} GB, ${text(volume.status)})`,
});

export const searchSnapshots = resourcePicker({
	service: 'block-storage',
	path: '/snapshots/detail',
	itemsKey: 'snapshots',
	label: (snapshot) => `${named(snapshot)} (${text(snapshot.size)} GB)`,
});

/** The project's security groups as options of a multi-select (values are IDs). */
export async function getSecurityGroups(
	this: ILoadOptionsFunctions,
): Promise<Array<{ name: string; value: string; description?: string }>> {
	const { security_groups: groups } = await serviceRequest<{ security_groups: IDataObject[] }>(
		this,
		'network',
		{ path: '/security-groups' },
	);
	return (groups ?? [])
		.map((group) => ({
			name: named(group),
			value: text(group.id),
			description: text(group.description) || undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
