import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { waitOptions } from '../../inputs';
import {
	getRecordSet,
	getRecordSetId,
	recordSetLocator,
	recordSetPath,
	type DesignateRecordSet,
} from '../../recordSets';
import { dnsRequest } from '../../transport';
import { waitUntilDeletedParameter, waitUntilGone } from '../../waiting';
import { resolveZoneId, zoneLocator } from '../../zones';

export const description = forOperation(showFor('recordSet', 'delete'), [
	zoneLocator,
	recordSetLocator,
	waitUntilDeletedParameter,
	waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const recordSetId = getRecordSetId(this, itemIndex);
	const zoneId = await resolveZoneId(this, itemIndex);
	const deleted = await dnsRequest<DesignateRecordSet>(this, {
		method: 'DELETE',
		path: recordSetPath(zoneId, recordSetId),
	});
	const wait = this.getNodeParameter('waitUntilDeleted', itemIndex, false) as boolean;
	if (wait) {
		await waitUntilGone(
			this,
			itemIndex,
			`record set ${deleted.name} ${deleted.type}`,
			async () => await getRecordSet(this, zoneId, recordSetId),
		);
	}
	return {
		id: recordSetId,
		zoneId,
		name: deleted.name,
		type: deleted.type,
		deleted: true,
		status: wait ? 'DELETED' : deleted.status,
	};
}
