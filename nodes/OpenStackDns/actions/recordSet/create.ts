import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collection, forOperation, showFor } from '../../../shared/node/description';
import {
	checked,
	descriptionOption,
	getDescription,
	getRecords,
	getRecordType,
	getText,
	getTtl,
	recordsParameter,
	recordTypeParameter,
	ttlOption,
	waitTimeoutOption,
} from '../../inputs';
import { completeRecordName } from '../../names';
import {
	describeRecordSet,
	getRecordSet,
	recordNameHint,
	recordSetPath,
	type DesignateRecordSet,
} from '../../recordSets';
import { dnsRequest } from '../../transport';
import { waitUntilActive, waitUntilActiveParameter } from '../../waiting';
import { resolveZone, zoneLocator, type DesignateZone } from '../../zones';

export const recordSetOptions = collection('Options', [
	descriptionOption,
	{ ...ttlOption, description: `${ttlOption.description}; the zone's TTL when not set` },
	waitTimeoutOption,
]);

export const nameParameter = {
	displayName: 'Name',
	name: 'name',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'e.g. www',
	description: 'The name the records answer for',
	hint: recordNameHint,
};

export const description = forOperation(showFor('recordSet', 'create'), [
	zoneLocator,
	nameParameter,
	recordTypeParameter,
	recordsParameter,
	waitUntilActiveParameter,
	recordSetOptions,
]);

/**
 * What create and upsert both read, checked before any request: the type, its records, TTL
 * and description; the name is completed in the zone once the zone is known.
 */
export function readRecordSet(ctx: IExecuteFunctions, itemIndex: number) {
	const type = getRecordType(ctx, itemIndex);
	const records = getRecords(ctx, 'records', itemIndex, type);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const extra: IDataObject = {};
	if (options.ttl !== undefined) extra.ttl = getTtl(ctx, 'options.ttl', itemIndex);
	if (options.description)
		extra.description = getDescription(ctx, 'options.description', itemIndex);
	const rawName = getText(ctx, 'name', itemIndex);
	const nameIn = (zone: DesignateZone) =>
		checked(ctx, itemIndex, 'Name', (fail) => completeRecordName(rawName, zone.name, fail, type));
	return { type, records, extra, nameIn };
}

/** Waits, when asked, until the record set is ACTIVE; returns it as it stands then. */
export async function settled(
	ctx: IExecuteFunctions,
	itemIndex: number,
	recordSet: DesignateRecordSet,
): Promise<DesignateRecordSet> {
	if (!(ctx.getNodeParameter('waitUntilActive', itemIndex, false) as boolean)) return recordSet;
	return await waitUntilActive(
		ctx,
		itemIndex,
		`record set ${recordSet.name} ${recordSet.type}`,
		async () => await getRecordSet(ctx, recordSet.zone_id, recordSet.id),
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { type, records, extra, nameIn } = readRecordSet(this, itemIndex);
	const zone = await resolveZone(this, itemIndex);
	const name = nameIn(zone);
	const created = await dnsRequest<DesignateRecordSet>(this, {
		method: 'POST',
		path: recordSetPath(zone.id),
		body: { name, type, records, ...extra },
	});
	return describeRecordSet(await settled(this, itemIndex, created));
}
