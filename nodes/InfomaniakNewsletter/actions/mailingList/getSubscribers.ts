import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import { withIsoDates } from '../../dates';
import {
	apiPath,
	bracketQuery,
	newsletterRequestAll,
	type NewsletterClient,
} from '../../transport';
import {
	filtersCollection,
	forOperation,
	getOptions,
	groupLocator,
	locatorId,
	returnAllAndLimit,
	searchFilter,
	showFor,
} from '../common';
import { SUBSCRIBER_STATUSES } from '../subscriber/list';

export const description = forOperation(showFor('mailingList', 'getSubscribers'), [
	groupLocator(),
	...returnAllAndLimit,
	filtersCollection([
		searchFilter('Only subscribers whose address or fields contain this text'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: SUBSCRIBER_STATUSES.filter((status) => status.value !== 'all'),
			default: 'active',
		},
	]),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const groupId = locatorId(this, 'groupId', itemIndex);
	const filters = getOptions(this, itemIndex, 'filters');
	const subscribers = await newsletterRequestAll(
		this,
		client,
		{
			path: apiPath`/groups/${groupId}/subscribers`,
			qs: bracketQuery('filter', {
				search: String(filters.search ?? '').trim(),
				status: filters.status,
			}),
			notFound: 'Mailing List',
		},
		getListLimit(this, itemIndex),
	);
	return withIsoDates(subscribers);
}
