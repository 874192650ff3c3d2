import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { waitOptions } from '../../inputs';
import { dnsRequest, segment } from '../../transport';
import { waitUntilDeletedParameter, waitUntilGone } from '../../waiting';
import { getZoneById, resolveZoneId, zoneLocator, type DesignateZone } from '../../zones';

export const description = forOperation(showFor('zone', 'delete'), [
	zoneLocator,
	waitUntilDeletedParameter,
	waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = await resolveZoneId(this, itemIndex);
	const zone = await dnsRequest<DesignateZone>(this, {
		method: 'DELETE',
		path: `/zones/${segment(id)}`,
	});
	const wait = this.getNodeParameter('waitUntilDeleted', itemIndex, false) as boolean;
	if (wait) {
		await waitUntilGone(
			this,
			itemIndex,
			`zone "${zone.name}"`,
			async () => await getZoneById(this, id),
		);
	}
	return { id, name: zone.name, deleted: true, status: wait ? 'DELETED' : zone.status };
}
