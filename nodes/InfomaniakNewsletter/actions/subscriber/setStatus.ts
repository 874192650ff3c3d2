import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, showFor, subscriberIdOf, subscriberLocator } from '../common';

/** Unsubscribe and Resubscribe: the subscriber's global status (its lists are kept). */
export function statusOperation(operation: string, status: 'active' | 'unsubscribed') {
	return {
		description: forOperation(showFor('subscriber', operation), [subscriberLocator()]),
		async execute(this: IExecuteFunctions, itemIndex: number, client: NewsletterClient) {
			const subscriberId = await subscriberIdOf(this, client, itemIndex);
			const subscriber = await newsletterData<IDataObject>(this, client, {
				method: 'PUT',
				path: apiPath`/subscribers/${subscriberId}`,
				body: { status },
				notFound: 'Subscriber',
			});
			return withIsoDates(subscriber);
		},
	};
}
