import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiPath, bracketQuery, type NewsletterCall, type NewsletterClient } from '../../transport';
import { requireKnown, toIdList } from '../../validation';
import {
	filtersCollection,
	forOperation,
	getOptions,
	idsOption,
	listItems,
	returnAllAndLimit,
	searchFilter,
	searchText,
	showFor,
} from '../common';

const GROUPS_LABEL = 'Mailing List Names or IDs';
const SEGMENT_LABEL = 'Segment Name or ID';

export const SUBSCRIBER_STATUSES = [
	{ name: 'Active', value: 'active' },
	{ name: 'All', value: 'all' },
	{ name: 'Bounced', value: 'bounced' },
	{ name: 'Junk', value: 'junk' },
	{ name: 'Unconfirmed', value: 'unconfirmed' },
	{ name: 'Under Verification', value: 'under_verification' },
	{ name: 'Unsubscribed', value: 'unsubscribed' },
];

export const description = forOperation(showFor('subscriber', 'list'), [
	...returnAllAndLimit,
	filtersCollection([
		idsOption('groups', GROUPS_LABEL, 'groups', 'Only subscribers of these lists'),
		searchFilter('Only subscribers whose address or fields contain this text'),
		{
			displayName: SEGMENT_LABEL,
			name: 'segment',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSegments' },
			default: '',
			description:
				'Only subscribers in this segment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: SUBSCRIBER_STATUSES,
			default: 'active',
		},
	]),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const filters = getOptions(this, itemIndex, 'filters');
	const groups = toIdList(this, filters.groups ?? [], 'filters.groups', itemIndex, GROUPS_LABEL);
	await requireKnown(this, client, 'groups', groups, 'filters.groups', itemIndex, GROUPS_LABEL);
	const segment = toIdList(
		this,
		filters.segment ?? '',
		'filters.segment',
		itemIndex,
		SEGMENT_LABEL,
	);
	await requireKnown(
		this,
		client,
		'segments',
		segment,
		'filters.segment',
		itemIndex,
		SEGMENT_LABEL,
	);
	const filter: IDataObject = {
		groups,
		search: searchText(filters),
		status: filters.status,
	};
	// a segment is only understood by the filter endpoint (a read sent as POST)
	const call: NewsletterCall =
		segment.length > 0
			? {
					method: 'POST',
					path: apiPath`/subscribers/filter`,
					body: {
						filter: Object.fromEntries(
							Object.entries(filter).filter(([, value]) => value !== '' && value !== undefined),
						),
						segment: String(segment[0]),
					},
					idempotent: true,
				}
			: { path: apiPath`/subscribers`, qs: bracketQuery('filter', filter) };
	return await listItems(this, client, call, itemIndex);
}
