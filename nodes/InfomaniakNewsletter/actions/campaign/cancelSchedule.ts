import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { campaignLocator, forOperation, locatorId, showFor } from '../common';

export const description = forOperation(showFor('campaign', 'cancelSchedule'), [campaignLocator()]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const canceled = await newsletterData<boolean>(this, client, {
		method: 'PUT',
		path: apiPath`/campaigns/${campaignId}/cancel`,
		body: {},
		notFound: 'Campaign',
		invalid: ['Campaign'],
	});
	return { campaignId, canceled: canceled !== false };
}
