import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DesignateRecordSet } from '../recordSets';
import { dnsRequest } from '../transport';
import { findZoneByName, UUID } from '../zones';

/** The record sets of the node's zone whose name contains the filter, a page at a time. */
export async function searchRecordSets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const zone = String(this.getCurrentNodeParameter('zone', { extractValue: true }) ?? '').trim();
	if (!zone) {
		throw new NodeOperationError(this.getNode(), 'Choose the zone first', {
			description: 'The list shows the record sets of the zone in the parameter "Zone"',
		});
	}
	let zoneId = zone;
	if (!UUID.test(zone)) {
		const found = await findZoneByName(this, zone.endsWith('.') ? zone : `${zone}.`);
		if (!found)
			throw new NodeOperationError(this.getNode(), `There is no zone "${zone}" in this project`);
		zoneId = found.id;
	}
	const text = filter?.trim().replace(/\*/g, '');
	const { recordsets, links } = await dnsRequest<{
		recordsets: DesignateRecordSet[];
		links?: { next?: string };
	}>(this, {
		path: `/zones/${encodeURIComponent(zoneId)}/recordsets`,
		qs: {
			limit: 100,
			sort_key: 'name',
			sort_dir: 'asc',
			...(text ? { name: `*${text}*` } : {}),
			...(paginationToken ? { marker: paginationToken } : {}),
		},
	});
	return {
		results: (recordsets ?? []).map((recordSet) => ({
			name: `${recordSet.name} ${recordSet.type} (${(recordSet.records ?? []).join(', ').slice(0, 60)})`,
			value: recordSet.id,
		})),
		paginationToken:
			links?.next && recordsets.length > 0 ? recordsets[recordsets.length - 1].id : undefined,
	};
}
