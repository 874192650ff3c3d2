import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, showFor, subscriberIdOf, subscriberLocator } from '../common';

export const description = forOperation(showFor('subscriber', 'get'), [subscriberLocator()]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const subscriberId = await subscriberIdOf(this, client, itemIndex);
	const subscriber = await newsletterData<IDataObject>(this, client, {
		path: apiPath`/subscribers/${subscriberId}`,
		qs: { with: 'groups' },
		notFound: 'Subscriber',
	});
	return withIsoDates(subscriber);
}
