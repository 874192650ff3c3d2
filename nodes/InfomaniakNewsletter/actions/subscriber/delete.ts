import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, showFor, subscriberIdOf, subscriberLocator } from '../common';

export const description = forOperation(showFor('subscriber', 'delete'), [subscriberLocator()]);

/** Removes the subscriber; Infomaniak keeps their data in case they subscribe again (see Forget). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const subscriberId = await subscriberIdOf(this, client, itemIndex);
	const deleted = await newsletterData<boolean>(this, client, {
		method: 'DELETE',
		path: apiPath`/subscribers/${subscriberId}`,
		notFound: 'Subscriber',
	});
	return { id: subscriberId, deleted: deleted !== false };
}
