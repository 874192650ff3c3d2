import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { campaignLocator, forOperation, locatorId, showFor } from '../common';

export const description = forOperation(showFor('campaign', 'delete'), [campaignLocator()]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const deleted = await newsletterData<boolean>(this, client, {
		method: 'DELETE',
		path: apiPath`/campaigns/${campaignId}`,
		notFound: 'Campaign',
	});
	return { id: campaignId, deleted: deleted !== false };
}
