import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { campaignLocator, forOperation, locatorId, showFor } from '../common';

export const description = forOperation(showFor('campaign', 'sendNow'), [campaignLocator()]);

/** Infomaniak has no "send" call: scheduling without a start time sends at once. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const sent = await newsletterData<boolean>(this, client, {
		method: 'PUT',
		path: apiPath`/campaigns/${campaignId}/schedule`,
		body: {},
		notFound: 'Campaign',
		invalid: ['Campaign'],
	});
	return { campaignId, sending: sent !== false };
}
