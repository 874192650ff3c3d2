import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { readBinaryText } from '../../binaryText';
import { withIsoDates } from '../../dates';
import { apiPath, newsletterData, type NewsletterClient } from '../../transport';
import { forOperation, getOptions, showFor } from '../common';
import {
	CAMPAIGN_PARAMETERS,
	campaignOptionFields,
	headerBody,
	languageField,
	optionsBody,
	recipientsBody,
	recipientsField,
} from './fields';

const displayOptions = showFor('campaign', 'create');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Our spring news',
	},
	{
		displayName: 'Sender Address',
		name: 'senderEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. news@example.com',
		description:
			'The From address; it must be on the newsletter domain unless the domain may use others',
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Example News',
	},
	{ ...languageField, required: true },
	{
		displayName: 'Content Source',
		name: 'contentSource',
		type: 'options',
		options: [
			{ name: 'HTML Text', value: 'html', description: 'HTML typed in or mapped from a field' },
			{ name: 'Binary File', value: 'binary', description: 'An HTML file of the input item' },
		],
		default: 'html',
	},
	{
		displayName: 'HTML Content',
		name: 'htmlContent',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: 'e.g. <h1>Hello</h1><p>Our news…</p>',
		displayOptions: { show: { contentSource: ['html'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary property of the input item that holds the HTML file',
		displayOptions: { show: { contentSource: ['binary'] } },
	},
	recipientsField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: campaignOptionFields,
	},
]);

/** The campaign's HTML, from the parameter or the input item's file; empty is refused. */
async function htmlContent(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const fromFile = ctx.getNodeParameter('contentSource', itemIndex, 'html') === 'binary';
	const html = fromFile
		? await readBinaryText(ctx, itemIndex, 'binaryPropertyName', 'Input Binary Field')
		: String(ctx.getNodeParameter('htmlContent', itemIndex, '') ?? '');
	if (html.trim() === '') {
		throw fromFile
			? parameterError(
					ctx.getNode(),
					'binaryPropertyName',
					'the HTML file is empty',
					itemIndex,
					'Input Binary Field',
				)
			: parameterError(
					ctx.getNode(),
					'htmlContent',
					'it must not be empty',
					itemIndex,
					'HTML Content',
				);
	}
	return html;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const values: IDataObject = {
		subject: this.getNodeParameter('subject', itemIndex, ''),
		senderEmail: this.getNodeParameter('senderEmail', itemIndex, ''),
		senderName: this.getNodeParameter('senderName', itemIndex, ''),
		language: this.getNodeParameter('language', itemIndex, ''),
	};
	const header = headerBody(
		this,
		values,
		itemIndex,
		{
			subject: 'subject',
			senderEmail: 'senderEmail',
			senderName: 'senderName',
			language: 'language',
		},
		true,
	);
	const content_html = await htmlContent(this, itemIndex);
	const recipients = await recipientsBody(
		this,
		client,
		getOptions(this, itemIndex, 'recipients'),
		itemIndex,
	);
	const campaign = await newsletterData<IDataObject>(this, client, {
		method: 'POST',
		path: apiPath`/campaigns`,
		body: { ...header, content_html, ...optionsBody(getOptions(this, itemIndex)), recipients },
		invalid: CAMPAIGN_PARAMETERS,
	});
	return withIsoDates(campaign);
}
