import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import type { NewsletterClient } from '../../transport';
import { idsOption } from '../common';
import { checkEmail, checkLanguage, LANGUAGES, requireKnown, toIdList } from '../../validation';

/** The parameters a campaign is built from, shared by Create and Update, and their request body. */

export const CAMPAIGN_STATUSES = [
	'blocked',
	'canceled',
	'draft',
	'scheduled',
	'scheduled_v1',
	'sending',
	'sending_failed',
	'sending_v1',
	'sent',
	'unknown',
] as const;

export const languageField: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'options',
	options: [...LANGUAGES],
	default: 'en_GB',
	description: 'Language of the campaign (links, unsubscribe page)',
};

export const recipientsField: INodeProperties = {
	displayName: 'Recipients',
	name: 'recipients',
	type: 'collection',
	placeholder: 'Add Recipients',
	default: {},
	options: [
		{
			displayName: 'All Subscribers',
			name: 'allSubscribers',
			type: 'boolean',
			default: false,
			description: 'Whether to send to every active subscriber of the domain',
		},
		idsOption(
			'groups',
			'Excluded Mailing List Names or IDs',
			'excludeGroups',
			'Subscribers of these lists do not receive it',
		),
		idsOption(
			'segments',
			'Excluded Segment Names or IDs',
			'excludeSegments',
			'Subscribers in these segments do not receive it',
		),
		idsOption(
			'groups',
			'Mailing List Names or IDs',
			'groups',
			'Send to the subscribers of these lists',
		),
		idsOption(
			'segments',
			'Segment Names or IDs',
			'segments',
			'Send to the subscribers in these segments',
		),
	],
};

/** Preheader, tracking and unsubscribe link: the options Create and Update share. */
export const campaignOptionFields: INodeProperties[] = [
	{
		displayName: 'Preheader',
		name: 'preheader',
		type: 'string',
		default: '',
		description: 'The preview text mail clients show after the subject',
	},
	{
		displayName: 'Track Link Clicks',
		name: 'trackLinks',
		type: 'boolean',
		default: true,
		description: 'Whether to count clicks on the links of the campaign',
	},
	{
		displayName: 'Track Opens',
		name: 'trackOpens',
		type: 'boolean',
		default: true,
		description: 'Whether to count how often the campaign is opened',
	},
	{
		displayName: 'UTM Campaign',
		name: 'utmCampaign',
		type: 'string',
		default: '',
		description: 'Value of utm_campaign added to the links',
	},
	{
		displayName: 'UTM Medium',
		name: 'utmMedium',
		type: 'string',
		default: '',
		description: 'Value of utm_medium added to the links',
	},
	{
		displayName: 'UTM Source',
		name: 'utmSource',
		type: 'string',
		default: '',
		description: 'Value of utm_source added to the links',
	},
	{
		displayName: 'Unsubscribe Link',
		name: 'unsubscribeLink',
		type: 'boolean',
		default: true,
		description: 'Whether Infomaniak adds its unsubscribe link to the campaign',
	},
];

/** The labels of the parameters a campaign body comes from (a 422 names them). */
export const CAMPAIGN_PARAMETERS = [
	'Subject',
	'Sender Address',
	'Sender Name',
	'Language',
	'HTML Content',
	'Recipients',
];

const RECIPIENT_LABELS: Record<string, string> = {
	groups: 'Mailing List Names or IDs',
	excludeGroups: 'Excluded Mailing List Names or IDs',
	segments: 'Segment Names or IDs',
	excludeSegments: 'Excluded Segment Names or IDs',
};

/** The `recipients` object, every group and segment id checked against the domain first. */
export async function recipientsBody(
	ctx: IExecuteFunctions,
	client: NewsletterClient,
	recipients: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const ids: Record<string, number[]> = {};
	for (const [key, label] of Object.entries(RECIPIENT_LABELS)) {
		ids[key] = toIdList(ctx, recipients[key], `recipients.${key}`, itemIndex, label);
		const kind = key.toLowerCase().includes('group') ? 'groups' : 'segments';
		await requireKnown(ctx, client, kind, ids[key], `recipients.${key}`, itemIndex, label);
	}
	return {
		all_subscribers: recipients.allSubscribers === true,
		groups: { include: ids.groups, exclude: ids.excludeGroups },
		segments: { include: ids.segments, exclude: ids.excludeSegments },
	};
}

/** The option fields in Infomaniak's names (only those that were set). */
export function optionsBody(options: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (options.preheader !== undefined) body.preheader = String(options.preheader);
	if (options.trackLinks !== undefined) body.tracking_link = options.trackLinks === true;
	if (options.trackOpens !== undefined) body.tracking_opening = options.trackOpens === true;
	if (options.unsubscribeLink !== undefined) body.unsub_link = options.unsubscribeLink === true;
	const utm: IDataObject = {};
	for (const [key, field] of [
		['utmCampaign', 'utm_campaign'],
		['utmMedium', 'utm_medium'],
		['utmSource', 'utm_source'],
	]) {
		if (options[key] !== undefined && String(options[key]).trim() !== '')
			utm[field] = String(options[key]).trim();
	}
	if (Object.keys(utm).length > 0) body.tracking_utm = utm;
	return body;
}

/** Subject, sender and language in Infomaniak's names, each checked (`required`: Create). */
export function headerBody(
	ctx: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
	names: { subject: string; senderEmail: string; senderName: string; language: string },
	required: boolean,
): IDataObject {
	const body: IDataObject = {};
	const given = (key: string) => values[key] !== undefined && (required || values[key] !== '');
	if (given('subject')) {
		const subject = String(values.subject ?? '').trim();
		if (!subject)
			throw parameterError(
				ctx.getNode(),
				names.subject,
				'it must not be empty',
				itemIndex,
				'Subject',
			);
		body.subject = subject;
	}
	if (given('senderEmail'))
		body.email_from_addr = checkEmail(
			ctx,
			values.senderEmail,
			names.senderEmail,
			itemIndex,
			'Sender Address',
		);
	if (given('senderName')) {
		const name = String(values.senderName ?? '').trim();
		if (!name)
			throw parameterError(
				ctx.getNode(),
				names.senderName,
				'it must not be empty',
				itemIndex,
				'Sender Name',
			);
		body.email_from_name = name;
	}
	if (given('language')) body.lang = checkLanguage(ctx, values.language, names.language, itemIndex);
	return body;
}
