import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { fieldsParameter, STATUS_OPTIONS } from '../../subscribers';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { requireKnown, toIdList } from '../../validation';
import {
	forOperation,
	getOptions,
	idsOption,
	readFields,
	requireChanges,
	showFor,
	subscriberIdOf,
	subscriberLocator,
} from '../common';

const GROUPS_LABEL = 'Mailing List Names or IDs';

export const description = forOperation(showFor('subscriber', 'update'), [
	subscriberLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...fieldsParameter,
				description:
					"The subscriber's field values, by field key. Infomaniak replaces them all: fields left out are cleared.",
			},
			idsOption('groups', GROUPS_LABEL, 'groups', 'Add the subscriber to these lists'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'active',
			},
		],
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const changes = getOptions(this, itemIndex, 'updateFields');
	const body: IDataObject = {};
	if (changes.fields !== undefined)
		body.fields = readFields(
			this,
			changes.fields,
			'updateFields.fields',
			itemIndex,
			'Subscriber Fields',
		);
	if (changes.groups !== undefined) {
		const groups = toIdList(this, changes.groups, 'updateFields.groups', itemIndex, GROUPS_LABEL);
		await requireKnown(
			this,
			client,
			'groups',
			groups,
			'updateFields.groups',
			itemIndex,
			GROUPS_LABEL,
		);
		body.groups = groups;
	}
	if (changes.status !== undefined) body.status = changes.status;
	requireChanges(this, body, itemIndex);
	const subscriberId = await subscriberIdOf(this, client, itemIndex);
	const subscriber = await newsletterData<IDataObject>(this, client, {
		method: 'PUT',
		path: apiPath`/subscribers/${subscriberId}`,
		body,
		notFound: 'Subscriber',
		invalid: ['Subscriber Fields', GROUPS_LABEL, 'Status'],
	});
	return withIsoDates(subscriber);
}
