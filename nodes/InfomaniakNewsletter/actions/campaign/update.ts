import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import {
	campaignLocator,
	forOperation,
	getOptions,
	locatorId,
	requireChanges,
	showFor,
} from '../common';
import {
	CAMPAIGN_PARAMETERS,
	campaignOptionFields,
	headerBody,
	languageField,
	optionsBody,
	recipientsBody,
	recipientsField,
} from './fields';

const displayOptions = showFor('campaign', 'update');

export const description = forOperation(displayOptions, [
	campaignLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'HTML Content',
				name: 'htmlContent',
				type: 'string',
				typeOptions: { rows: 6 },
				default: '',
			},
			languageField,
			...campaignOptionFields,
			{ displayName: 'Sender Address', name: 'senderEmail', type: 'string', default: '' },
			{ displayName: 'Sender Name', name: 'senderName', type: 'string', default: '' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
		],
	},
	{ ...recipientsField, description: 'Replaces the recipients when any is given' },
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const fields = getOptions(this, itemIndex, 'updateFields');
	const body: IDataObject = {
		...headerBody(
			this,
			fields,
			itemIndex,
			{
				subject: 'updateFields.subject',
				senderEmail: 'updateFields.senderEmail',
				senderName: 'updateFields.senderName',
				language: 'updateFields.language',
			},
			false,
		),
		...optionsBody(fields),
	};
	if (fields.htmlContent !== undefined) {
		if (String(fields.htmlContent).trim() === '')
			throw parameterError(
				this.getNode(),
				'updateFields.htmlContent',
				'it must not be empty',
				itemIndex,
				'HTML Content',
			);
		body.content_html = String(fields.htmlContent);
	}
	const recipients = getOptions(this, itemIndex, 'recipients');
	if (Object.keys(recipients).length > 0)
		body.recipients = await recipientsBody(this, client, recipients, itemIndex);
	requireChanges(this, body, itemIndex);
	const campaign = await newsletterData<IDataObject>(this, client, {
		method: 'PUT',
		path: apiPath`/campaigns/${campaignId}`,
		body,
		notFound: 'Campaign',
		invalid: CAMPAIGN_PARAMETERS,
	});
	return withIsoDates(campaign);
}
