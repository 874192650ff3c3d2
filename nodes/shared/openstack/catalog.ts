/**
 * The service catalog of a Keystone token: endpoints are looked up by service type, region and
 * interface, never hard-coded (Infomaniak's and every other cloud's paths differ).
 */

export interface CatalogEndpoint {
	url: string;
	interface?: string;
	region?: string;
	region_id?: string;
}

export interface CatalogEntry {
	type: string;
	name?: string;
	endpoints?: CatalogEndpoint[];
}

/**
 * Official service types and the older names clouds still register them under
 * (https://service-types.openstack.org): the first one found in the catalog wins.
 */
export const SERVICE_TYPE_ALIASES: Record<string, string[]> = {
	'block-storage': ['block-storage', 'volumev3', 'volumev2', 'volume', 'block-store'],
	'shared-file-system': ['shared-file-system', 'sharev2', 'share'],
	'load-balancer': ['load-balancer'],
	'object-store': ['object-store'],
	orchestration: ['orchestration'],
	dns: ['dns'],
};

export function serviceTypeCandidates(serviceType: string): string[] {
	return SERVICE_TYPE_ALIASES[serviceType] ?? [serviceType];
}

/** Every region the catalog names. */
export function catalogRegions(catalog: CatalogEntry[]): string[] {
	const regions = new Set<string>();
	for (const entry of catalog) {
		for (const endpoint of entry.endpoints ?? []) {
			const region = endpoint.region_id ?? endpoint.region;
			if (region) regions.add(region);
		}
	}
	return [...regions].sort();
}

/** Service type → URL of its endpoint in `region` on `interface` (trailing slashes removed). */
export function catalogEndpoints(
	catalog: CatalogEntry[],
	region: string,
	endpointInterface: string,
): Record<string, string> {
	const endpoints: Record<string, string> = {};
	for (const entry of catalog) {
		if (!entry?.type || endpoints[entry.type]) continue;
		const match = (entry.endpoints ?? []).find(
			(endpoint) =>
				(endpoint.region_id === region || endpoint.region === region) &&
				(endpoint.interface ?? 'public') === endpointInterface &&
				typeof endpoint.url === 'string',
		);
		if (match) endpoints[entry.type] = match.url.replace(/\/+$/, '');
	}
	return endpoints;
}

/** The interfaces the catalog offers in a region (for error messages). */
export function regionInterfaces(catalog: CatalogEntry[], region: string): string[] {
	const found = new Set<string>();
	for (const entry of catalog) {
		for (const endpoint of entry.endpoints ?? []) {
			if (endpoint.region_id === region || endpoint.region === region)
				found.add(endpoint.interface ?? 'public');
		}
	}
	return [...found].sort();
}

/** The endpoint of a service type (or one of its aliases) among a session's endpoints. */
export function findEndpoint(
	endpoints: Record<string, string>,
	serviceType: string,
): string | undefined {
	for (const candidate of serviceTypeCandidates(serviceType)) {
		if (endpoints[candidate]) return endpoints[candidate];
	}
	return undefined;
}
