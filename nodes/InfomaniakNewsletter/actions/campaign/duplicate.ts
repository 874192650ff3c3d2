import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { campaignLocator, forOperation, locatorId, showFor } from '../common';

export const description = forOperation(showFor('campaign', 'duplicate'), [campaignLocator()]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const copy = await newsletterData<IDataObject>(this, client, {
		method: 'POST',
		path: apiPath`/campaigns/${campaignId}/duplicate`,
		body: {},
		notFound: 'Campaign',
	});
	return { ...withIsoDates(copy), duplicatedFrom: campaignId };
}
