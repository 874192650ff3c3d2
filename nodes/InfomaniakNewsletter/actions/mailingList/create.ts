import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { readText } from '../../validation';
import { forOperation, showFor } from '../common';

export const description = forOperation(showFor('mailingList', 'create'), [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Spring event sign-ups',
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const name = readText(this, 'name', itemIndex, 'Name');
	const group = await newsletterData<IDataObject>(this, client, {
		method: 'POST',
		path: apiPath`/groups`,
		body: { name },
		invalid: ['Name'],
	});
	return withIsoDates(group);
}
