import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dnsRequest } from '../transport';
import type { DesignateZone } from '../zones';

/** The project's zones whose name contains the filter (Designate's * wildcard), a page at a time. */
export async function searchZones(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim().replace(/\*/g, '');
	const { zones, links } = await dnsRequest<{
		zones: DesignateZone[];
		links?: { next?: string };
	}>(this, {
		path: '/zones',
		qs: {
			limit: 100,
			sort_key: 'name',
			sort_dir: 'asc',
			...(text ? { name: `*${text}*` } : {}),
			...(paginationToken ? { marker: paginationToken } : {}),
		},
	});
	const results = (zones ?? []).map((zone) => ({ name: zone.name, value: zone.id }));
	return {
		results,
		paginationToken: links?.next && zones.length > 0 ? zones[zones.length - 1].id : undefined,
	};
}
