import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { parseDateTime, unixSeconds } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { campaignLocator, forOperation, locatorId, showFor } from '../common';

export const description = forOperation(showFor('campaign', 'schedule'), [
	campaignLocator(),
	{
		displayName: 'Send At',
		name: 'sendAt',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When Infomaniak sends the campaign, in the workflow's time zone unless the value carries its own offset",
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const raw = this.getNodeParameter('sendAt', itemIndex, '') as unknown;
	const timeZone = this.getTimezone();
	const sendAt = parseDateTime(raw, timeZone);
	if (!sendAt)
		throw parameterError(
			this.getNode(),
			'sendAt',
			`"${String(raw)}" is not a date and time`,
			itemIndex,
			'Send At',
		);
	if (sendAt.getTime() <= Date.now())
		throw parameterError(
			this.getNode(),
			'sendAt',
			`${sendAt.toISOString()} is in the past; a campaign can only be scheduled later than now (use "Send Now" to send at once)`,
			itemIndex,
			'Send At',
		);
	const scheduled = await newsletterData<boolean>(this, client, {
		method: 'PUT',
		path: apiPath`/campaigns/${campaignId}/schedule`,
		body: { started_at: unixSeconds(sendAt) },
		notFound: 'Campaign',
		invalid: ['Send At'],
	});
	return { campaignId, scheduled: scheduled !== false, sendAt: sendAt.toISOString(), timeZone };
}
