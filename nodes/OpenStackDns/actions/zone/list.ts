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
import { dnsRequestAll } from '../../transport';
import { describeZone, type DesignateZone } from '../../zones';

export const description = forOperation(showFor('zone', 'list'), [
	...returnAllAndLimit,
	collection('Filters', [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. example.com. or *.example.com.',
			description: 'Only the zone with this name, or the zones matching a pattern with *',
			hint: 'A trailing dot is added when missing and the name has no *',
		},
		statusFilter,
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs: IDataObject = {};
	const name = getText(this, 'filters.name', itemIndex);
	if (name) qs.name = checked(this, itemIndex, 'Name', (fail) => nameFilter(name, fail));
	const status = getText(this, 'filters.status', itemIndex);
	if (status) qs.status = status;
	const zones = await dnsRequestAll<DesignateZone>(
		this,
		{ path: '/zones', qs },
		'zones',
		getListLimit(this, itemIndex),
	);
	return zones.map(describeZone);
}
