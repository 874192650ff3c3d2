import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { withIsoDates } from '../../dates';
import {
	apiPath,
	bracketQuery,
	newsletterData,
	newsletterRequestAll,
	type NewsletterClient,
} from '../../transport';
import {
	campaignLocator,
	filtersCollection,
	forOperation,
	getOptions,
	locatorId,
	returnAllAndLimit,
	searchFilter,
	showFor,
} from '../common';

const option = (value: string, name = value.replace(/^./, (c) => c.toUpperCase())) => ({
	name,
	value,
});

const ACTIVITY_ACTIONS = [
	option('bounce'),
	option('click'),
	option('complaint'),
	option('not_open', 'Not Opened'),
	option('open', 'Opened'),
	option('sbounce', 'Soft Bounce'),
	option('unsub', 'Unsubscribed'),
];

const TRACKING_ACTIONS = [
	option('bounce'),
	option('click'),
	option('complaint'),
	option('delivery'),
	option('not_delivery', 'Not Delivered'),
	option('not_open', 'Not Opened'),
	option('open'),
	option('sbounce', 'Soft Bounce'),
	option('send'),
	option('unsub', 'Unsubscribe'),
	option('unsub-reason', 'Unsubscribe Reason'),
	option('v3', 'V3'),
	option('webform_conversion', 'Webform Conversion'),
	option('webform_display', 'Webform Display'),
];

const forReports = (reports: string[], properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, report: reports } },
	}));

export const description = forOperation(showFor('campaign', 'getStatistics'), [
	campaignLocator(),
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Figures',
				value: 'summary',
				description: 'Sent, delivered, opened, clicked, bounced, unsubscribed: counts and rates',
			},
			{
				name: 'Links',
				value: 'links',
				description: 'The clicks on each link of the campaign, one item per link',
			},
			{
				name: 'Recipient Activity',
				value: 'activity',
				description: 'What each recipient did, one item per recipient',
			},
			{
				name: 'Tracking Events',
				value: 'tracking',
				description: 'The raw events of one kind (opens, clicks, bounces…), one item per event',
			},
		],
		default: 'summary',
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: TRACKING_ACTIONS,
		default: 'open',
		description: 'Which events to list',
		displayOptions: { show: { report: ['tracking'] } },
	},
	...forReports(['activity', 'tracking'], returnAllAndLimit),
	...forReports(
		['activity'],
		[
			filtersCollection([
				{
					displayName: 'Action',
					name: 'action',
					type: 'options',
					options: ACTIVITY_ACTIONS,
					default: 'open',
					description: 'Only recipients who did this',
				},
				searchFilter('Only recipients whose address contains this text'),
			]),
		],
	),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const campaignId = locatorId(this, 'campaignId', itemIndex);
	const report = this.getNodeParameter('report', itemIndex, 'summary') as string;
	const call = (suffix: string) => ({
		path: apiPath`/campaigns/${campaignId}` + suffix,
		notFound: 'Campaign',
	});
	if (report === 'summary') {
		const campaign = await newsletterData<IDataObject>(this, client, call(''));
		return withIsoDates({
			campaignId,
			subject: campaign.subject,
			status: campaign.status,
			started_at: campaign.started_at,
			subscribers_count: campaign.subscribers_count,
			statistics: campaign.statistics ?? null,
		});
	}
	if (report === 'links') {
		const links = await newsletterData<unknown>(this, client, call('/report/links'));
		const list = Array.isArray(links) ? links : links ? [links] : [];
		return (list as IDataObject[]).map((link) => ({ campaignId, ...withIsoDates(link) }));
	}
	const limit = getListLimit(this, itemIndex);
	const filter =
		report === 'tracking'
			? { action: this.getNodeParameter('action', itemIndex, 'open') as string }
			: getOptions(this, itemIndex, 'filters');
	const rows = await newsletterRequestAll<IDataObject>(
		this,
		client,
		{
			...call(report === 'tracking' ? '/tracking' : '/report/activity'),
			qs: bracketQuery('filter', filter),
		},
		limit,
	);
	return rows.map((row) => ({ campaignId, ...withIsoDates(row) }));
}
