import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
import {
	checked,
	descriptionOption,
	getDescription,
	getText,
	getTtl,
	nothingToUpdate,
	ttlOption,
	waitOptions,
} from '../../inputs';
import { checkZoneEmail } from '../../names';
import { dnsRequest, segment } from '../../transport';
import { waitUntilActiveParameter } from '../../waiting';
import {
	describeZone,
	resolveZoneId,
	settledZone,
	zoneLocator,
	type DesignateZone,
} from '../../zones';

export const description = forOperation(showFor('zone', 'update'), [
	zoneLocator,
	collection('Update Fields', [
		descriptionOption,
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The zone administrator's address, published in its SOA record",
		},
		{
			...ttlOption,
			description: `The default TTL of the zone's record sets. ${ttlOption.description}`,
		},
	]),
	waitUntilActiveParameter,
	waitOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.email !== undefined)
		body.email = checked(this, itemIndex, 'Email', (fail) =>
			checkZoneEmail(getText(this, 'updateFields.email', itemIndex), fail),
		);
	if (fields.ttl !== undefined) body.ttl = getTtl(this, 'updateFields.ttl', itemIndex);
	if (fields.description !== undefined)
		body.description = getDescription(this, 'updateFields.description', itemIndex) || null;
	if (Object.keys(body).length === 0) {
		throw nothingToUpdate(this, itemIndex);
	}
	const id = await resolveZoneId(this, itemIndex);
	const zone = await dnsRequest<DesignateZone>(this, {
		method: 'PATCH',
		path: `/zones/${segment(id)}`,
		body,
	});
	return describeZone(await settledZone(this, itemIndex, zone));
}
