import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { isEmail } from '../../validation';
import { findSubscriberByEmail, forOperation, groupLocator, locatorId, showFor } from '../common';

const LABEL = 'Subscribers';

/** Add Subscribers and Remove Subscribers: a list's members, given by ID or e-mail address. */
export function membershipOperation(operation: string, action: 'assign' | 'unassign') {
	const verb = action === 'assign' ? 'add to' : 'remove from';
	return {
		description: forOperation(showFor('mailingList', operation), [
			groupLocator(),
			{
				displayName: LABEL,
				name: 'subscribers',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 1234, jane@example.com',
				description: `The subscribers to ${verb} the list: IDs or e-mail addresses, separated by commas (or a list from an expression)`,
			},
		]),

		async execute(this: IExecuteFunctions, itemIndex: number, client: NewsletterClient) {
			const groupId = locatorId(this, 'groupId', itemIndex);
			const given = this.getNodeParameter('subscribers', itemIndex, '') as unknown;
			const entries = (Array.isArray(given) ? given : String(given ?? '').split(/[\s,;]+/))
				.map((entry) => String(entry).trim())
				.filter(Boolean);
			if (entries.length === 0)
				throw parameterError(
					this.getNode(),
					'subscribers',
					'it must not be empty',
					itemIndex,
					LABEL,
				);
			for (const entry of entries) {
				if (!/^\d+$/.test(entry) && !isEmail(entry))
					throw parameterError(
						this.getNode(),
						'subscribers',
						`"${entry}" is neither a subscriber ID nor a valid e-mail address`,
						itemIndex,
						LABEL,
					);
			}
			// e-mail addresses are looked up first, so that an unknown one changes nothing
			const ids: number[] = [];
			for (const entry of entries) {
				if (/^\d+$/.test(entry)) {
					ids.push(Number(entry));
					continue;
				}
				const subscriber = await findSubscriberByEmail(this, client, entry);
				if (!subscriber)
					throw parameterError(
						this.getNode(),
						'subscribers',
						`no subscriber has the e-mail address ${entry}; nothing was changed`,
						itemIndex,
						LABEL,
					);
				ids.push(Number(subscriber.id));
			}
			const subscriberIds = [...new Set(ids)];
			const subscribers = await newsletterData<IDataObject[]>(this, client, {
				method: 'POST',
				path: apiPath`/groups/${groupId}/subscribers/${action}`,
				body: { subscriber_ids: subscriberIds },
				idempotent: true,
				notFound: 'Mailing List',
				invalid: [LABEL],
			});
			return {
				groupId,
				[action === 'assign' ? 'added' : 'removed']: subscriberIds,
				subscribers: withIsoDates(Array.isArray(subscribers) ? subscribers : []),
			};
		},
	};
}
