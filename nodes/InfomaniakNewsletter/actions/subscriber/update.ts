import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { withIsoDates } from '../../dates';
import { fieldsParameter, STATUS_OPTIONS } from '../../subscribers';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { requireKnown, toIdList } from '../../validation';
import {
	forOperation,
	getOptions,
	readFields,
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
			{
				displayName: GROUPS_LABEL,
				name: 'groups',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getGroups' },
				default: [],
				description:
					'Add the subscriber to these lists. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
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
	if (Object.keys(body).length === 0)
		throw parameterError(
			this.getNode(),
			'updateFields',
			'give at least one field to change',
			itemIndex,
			'Update Fields',
		);
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
