import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { parameterError } from '../../../shared/node/errors';
import {
	checked,
	descriptionOption,
	getDescription,
	getText,
	getTtl,
	ttlOption,
	waitTimeoutOption,
} from '../../inputs';
import { checkZoneEmail } from '../../names';
import { dnsRequest, segment } from '../../transport';
import { waitUntilActive, waitUntilActiveParameter } from '../../waiting';
import {
	describeZone,
	getZoneById,
	resolveZoneId,
	zoneLocator,
	type DesignateZone,
} from '../../zones';

export const description = forOperation(showFor('zone', 'update'), [
	zoneLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
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
		],
	},
	waitUntilActiveParameter,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [waitTimeoutOption],
	},
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
		throw parameterError(
			this.getNode(),
			'updateFields',
			'add at least one field to change',
			itemIndex,
			'Update Fields',
		);
	}
	const id = await resolveZoneId(this, itemIndex);
	let zone = await dnsRequest<DesignateZone>(this, {
		method: 'PATCH',
		path: `/zones/${segment(id)}`,
		body,
	});
	if (this.getNodeParameter('waitUntilActive', itemIndex, false) as boolean) {
		zone = await waitUntilActive(
			this,
			itemIndex,
			`zone "${zone.name}"`,
			async () => await getZoneById(this, id),
		);
	}
	return describeZone(zone);
}
