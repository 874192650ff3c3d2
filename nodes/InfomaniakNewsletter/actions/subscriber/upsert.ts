import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldsParameter, STATUS_OPTIONS, upsertSubscriber } from '../../subscribers';
import type { NewsletterClient } from '../../transport';
import { readEmail, requireKnown, toIdList } from '../../validation';
import { forOperation, idsOption, readFields, showFor } from '../common';

export const description = forOperation(showFor('subscriber', 'upsert'), [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'The subscriber is found by this address: updated when it exists, else created',
	},
	idsOption(
		'groups',
		'Mailing List Names or IDs',
		'groups',
		'Add the subscriber to these lists (it stays in the others)',
	),
	fieldsParameter,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [{ name: 'Unchanged (New: Active)', value: '' }, ...STATUS_OPTIONS],
		default: '',
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const email = readEmail(this, 'email', itemIndex, 'Email');
	const fields = readFields(
		this,
		this.getNodeParameter('fields', itemIndex, {}),
		'fields',
		itemIndex,
		'Subscriber Fields',
	);
	const label = 'Mailing List Names or IDs';
	const groups = toIdList(
		this,
		this.getNodeParameter('groups', itemIndex, []),
		'groups',
		itemIndex,
		label,
	);
	await requireKnown(this, client, 'groups', groups, 'groups', itemIndex, label);
	const status = String(this.getNodeParameter('status', itemIndex, '') ?? '');
	return await upsertSubscriber(this, client, { email, fields, groups, status }, [
		'Email',
		'Subscriber Fields',
		label,
	]);
}
