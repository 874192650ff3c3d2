import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { readEmail } from '../../validation';
import { campaignLocator, forOperation, locatorId, showFor } from '../common';

export const description = forOperation(showFor('campaign', 'sendTest'), [
	campaignLocator(),
	{
		displayName: 'Test Address',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. proofreader@example.com',
		description:
			'Where to send the test; a subscriber with this address gets their own fields filled in',
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const email = readEmail(this, 'email', itemIndex, 'Test Address');
	const sent = await newsletterData<boolean>(this, client, {
		method: 'POST',
		path: apiPath`/campaigns/${campaignId}/test`,
		body: { email },
		notFound: 'Campaign',
		invalid: ['Test Address'],
	});
	return { campaignId, testSentTo: email, sent: sent !== false };
}
