import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { unlessStatus } from '../../../shared/openstack/request';
import { recordsParameter, recordTypeParameter } from '../../inputs';
import { describeRecordSet, recordSetPath, type DesignateRecordSet } from '../../recordSets';
import { dnsRequest } from '../../transport';
import { waitUntilActiveParameter } from '../../waiting';
import { resolveZone, zoneLocator } from '../../zones';
import { nameParameter, readRecordSet, recordSetOptions, settled } from './create';

/**
 * Create or Update: makes the record set of a name and type hold exactly the given records
 * (and TTL / description when given). It creates it when missing, replaces its records when
 * they differ, and sends nothing when they already match — what workflows that keep DNS in
 * sync need. The output says which of the three happened.
 */

export const description = forOperation(showFor('recordSet', 'upsert'), [
	zoneLocator,
	nameParameter,
	recordTypeParameter,
	{
		...recordsParameter,
		description: `${recordsParameter.description}. They replace the current records of this name and type.`,
	},
	waitUntilActiveParameter,
	recordSetOptions,
]);

async function find(
	ctx: IExecuteFunctions,
	zoneId: string,
	name: string,
	type: string,
): Promise<DesignateRecordSet | undefined> {
	const { recordsets } = await dnsRequest<{ recordsets: DesignateRecordSet[] }>(ctx, {
		path: recordSetPath(zoneId),
		qs: { name, type },
	});
	// The name filter treats * as a wildcard: keep only the exact name.
	return (recordsets ?? []).find(
		(recordSet) => recordSet.name.toLowerCase() === name.toLowerCase() && recordSet.type === type,
	);
}

const sameRecords = (a: string[], b: string[]) => {
	const set = (list: string[]) => [...new Set(list.map((r) => r.toLowerCase()))].sort().join('\n');
	return set(a) === set(b);
};

function unchanged(current: DesignateRecordSet, records: string[], extra: IDataObject): boolean {
	if (!sameRecords(current.records ?? [], records)) return false;
	if (extra.ttl !== undefined && extra.ttl !== current.ttl) return false;
	if (extra.description !== undefined && extra.description !== (current.description ?? ''))
		return false;
	return true;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { type, records, extra, nameIn } = readRecordSet(this, itemIndex);
	const zone = await resolveZone(this, itemIndex);
	const name = nameIn(zone);
	const replace = async (current: DesignateRecordSet) =>
		await dnsRequest<DesignateRecordSet>(this, {
			method: 'PUT',
			path: recordSetPath(zone.id, current.id),
			body: { records, ...extra },
		});

	let change: 'created' | 'updated' | 'unchanged';
	let recordSet: DesignateRecordSet;
	const current = await find(this, zone.id, name, type);
	if (current && unchanged(current, records, extra)) {
		change = 'unchanged';
		recordSet = current;
	} else if (current) {
		change = 'updated';
		recordSet = await replace(current);
	} else {
		const created = await unlessStatus(
			409,
			async () =>
				await dnsRequest<DesignateRecordSet>(this, {
					method: 'POST',
					path: recordSetPath(zone.id),
					body: { name, type, records, ...extra },
				}),
		);
		// A 409: created meanwhile by another execution, so its records are replaced instead.
		const raced = created ? undefined : await find(this, zone.id, name, type);
		if (created) {
			recordSet = created;
			change = 'created';
		} else if (raced) {
			recordSet = await replace(raced);
			change = 'updated';
		} else {
			throw new NodeOperationError(
				this.getNode(),
				`Designate reports a record set ${name} ${type} that it does not list`,
				{ itemIndex, description: 'Run the node again' },
			);
		}
	}
	return { ...describeRecordSet(await settled(this, itemIndex, recordSet)), change };
}
