import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLocator } from '../shared/node/description';
import { parameterError } from '../shared/node/errors';
import { getLocatorValue } from '../shared/node/parameters';
import { openStackTime } from '../shared/openstack/dates';
import { dnsRequest, segment } from './transport';
import { UUID } from './zones';

/** A record set as Designate's v2 API returns it. */
export interface DesignateRecordSet {
	id: string;
	zone_id: string;
	zone_name?: string;
	project_id?: string;
	name: string;
	type: string;
	records: string[];
	ttl?: number | null;
	description?: string | null;
	status?: string;
	action?: string;
	version?: number;
	created_at?: string | null;
	updated_at?: string | null;
}

export const recordSetLocator: INodeProperties = listLocator({
	name: 'recordSet',
	displayName: 'Record Set',
	description: 'The record set, from the list of the zone or by ID',
	searchMethod: 'searchRecordSets',
	placeholder: 'e.g. f7b10e9b-0cae-4a91-b162-562bc6096648',
	typedMode: 'id',
});

export const recordNameHint =
	'Relative to the zone (www) or full (www.example.com); the zone and the trailing dot are added when missing; @ is the zone itself';

/** The record set in the node's words; times as ISO 8601. */
export function describeRecordSet(recordSet: DesignateRecordSet): IDataObject {
	return {
		id: recordSet.id,
		name: recordSet.name,
		type: recordSet.type,
		records: recordSet.records ?? [],
		ttl: recordSet.ttl ?? null,
		description: recordSet.description ?? null,
		status: recordSet.status,
		action: recordSet.action,
		zoneId: recordSet.zone_id,
		zoneName: recordSet.zone_name,
		projectId: recordSet.project_id,
		version: recordSet.version,
		createdAt: openStackTime(recordSet.created_at),
		updatedAt: openStackTime(recordSet.updated_at),
	};
}

export function getRecordSetId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = getLocatorValue(ctx, 'recordSet', itemIndex);
	if (!UUID.test(id)) {
		throw parameterError(
			ctx.getNode(),
			'recordSet',
			id ? `"${id}" is not a record set ID` : 'it must not be empty',
			itemIndex,
			'Record Set',
		);
	}
	return id;
}

export const recordSetPath = (zoneId: string, recordSetId?: string) =>
	`/zones/${segment(zoneId)}/recordsets${recordSetId ? `/${segment(recordSetId)}` : ''}`;

export async function getRecordSet(
	ctx: IExecuteFunctions,
	zoneId: string,
	recordSetId: string,
): Promise<DesignateRecordSet> {
	return await dnsRequest<DesignateRecordSet>(ctx, { path: recordSetPath(zoneId, recordSetId) });
}
