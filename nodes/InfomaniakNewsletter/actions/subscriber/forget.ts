import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, showFor, subscriberIdOf, subscriberLocator } from '../common';

export const description = forOperation(showFor('subscriber', 'forget'), [
	subscriberLocator(),
	{
		displayName:
			'This erases the subscriber and all their data for good (GDPR right to erasure): Infomaniak deletes it within 30 days and it cannot be restored',
		name: 'forgetNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Confirm Permanent Erasure',
		name: 'confirmForget',
		type: 'boolean',
		default: false,
		description: 'Whether you really want the subscriber and all their data erased',
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	if (this.getNodeParameter('confirmForget', itemIndex, false) !== true)
		throw parameterError(
			this.getNode(),
			'confirmForget',
			'turn it on to erase the subscriber for good; nothing was sent',
			itemIndex,
			'Confirm Permanent Erasure',
		);
	const subscriberId = await subscriberIdOf(this, client, itemIndex);
	const forgotten = await newsletterData<boolean>(this, client, {
		method: 'DELETE',
		path: apiPath`/subscribers/${subscriberId}/forget`,
		notFound: 'Subscriber',
	});
	return { id: subscriberId, forgotten: forgotten !== false };
}
