import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	forOperation,
	returnAllAndLimit,
	showFor,
	collection,
} from '../../../shared/node/description';
import { getListLimit } from '../../../shared/node/parameters';
import { checked, getText, statusFilter } from '../../inputs';
import { nameFilter } from '../../names';
import { RECORD_TYPES } from '../../records';
import {
	describeRecordSet,
	recordNameHint,
	recordSetPath,
	type DesignateRecordSet,
} from '../../recordSets';
import { dnsRequestAll } from '../../transport';
import { resolveZone, zoneLocator } from '../../zones';

export const description = forOperation(showFor('recordSet', 'list'), [
	zoneLocator,
	...returnAllAndLimit,
	collection('Filters', [
		{
			displayName: 'Data',
			name: 'data',
			type: 'string',
			default: '',
			placeholder: 'e.g. 192.0.2.10',
			description: 'Only record sets holding a record with this data (* matches any text)',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. www or *.example.com.',
			description: 'Only the record sets with this name, or matching a pattern with *',
			hint: `${recordNameHint}; a name with * is sent as it is`,
		},
		statusFilter,
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [...RECORD_TYPES, 'SOA'].sort().map((type) => ({ name: type, value: type })),
			default: 'A',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const zone = await resolveZone(this, itemIndex);
	const qs: IDataObject = {};
	const name = getText(this, 'filters.name', itemIndex);
	if (name) qs.name = checked(this, itemIndex, 'Name', (fail) => nameFilter(name, fail, zone.name));
	for (const key of ['type', 'status', 'data']) {
		const value = getText(this, `filters.${key}`, itemIndex);
		if (value) qs[key] = value;
	}
	const recordSets = await dnsRequestAll<DesignateRecordSet>(
		this,
		{ path: recordSetPath(zone.id), qs },
		'recordsets',
		getListLimit(this, itemIndex),
	);
	return recordSets.map(describeRecordSet);
}
