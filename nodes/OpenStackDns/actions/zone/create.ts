import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
import {
	checked,
	descriptionOption,
	getDescription,
	getText,
	getTtl,
	ttlOption,
	waitTimeoutOption,
} from '../../inputs';
import { checkZoneEmail, completeZoneName } from '../../names';
import { dnsRequest } from '../../transport';
import { waitUntilActiveParameter } from '../../waiting';
import { describeZone, settledZone, zoneNameHint, type DesignateZone } from '../../zones';

export const description = forOperation(showFor('zone', 'create'), [
	{
		displayName: 'Zone Name',
		name: 'zoneName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. example.com.',
		description: 'The fully-qualified domain name of the zone',
		hint: zoneNameHint,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: "The zone administrator's address, published in its SOA record",
	},
	waitUntilActiveParameter,
	collection('Options', [
		descriptionOption,
		{
			...ttlOption,
			description: `The default TTL of the zone's record sets. ${ttlOption.description}`,
		},
		waitTimeoutOption,
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = checked(this, itemIndex, 'Zone Name', (fail) =>
		completeZoneName(getText(this, 'zoneName', itemIndex), fail),
	);
	const email = checked(this, itemIndex, 'Email', (fail) =>
		checkZoneEmail(getText(this, 'email', itemIndex), fail),
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, email };
	if (options.ttl !== undefined) body.ttl = getTtl(this, 'options.ttl', itemIndex);
	if (options.description)
		body.description = getDescription(this, 'options.description', itemIndex);
	const zone = await dnsRequest<DesignateZone>(this, { method: 'POST', path: '/zones', body });
	return describeZone(await settledZone(this, itemIndex, zone));
}
