import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { recordSetPath, type DesignateRecordSet } from '../recordSets';
import { findZoneByName, UUID } from '../zones';
import { pickerPage } from './page';

/** The record sets of the node's zone whose name contains the filter. */
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
	return await pickerPage<DesignateRecordSet>(
		this,
		recordSetPath(zoneId),
		'recordsets',
		(recordSet) =>
			`${recordSet.name} ${recordSet.type} (${(recordSet.records ?? []).join(', ').slice(0, 60)})`,
		filter,
		paginationToken,
	);
}
