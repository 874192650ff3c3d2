import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, bracketQuery, type NewsletterClient } from '../../transport';
import {
	filtersCollection,
	forOperation,
	getOptions,
	listItems,
	groupLocator,
	locatorId,
	returnAllAndLimit,
	searchFilter,
	searchText,
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
	return await listItems(
		this,
		client,
		{
			path: apiPath`/groups/${groupId}/subscribers`,
			qs: bracketQuery('filter', { search: searchText(filters), status: filters.status }),
			notFound: 'Mailing List',
		},
		itemIndex,
	);
}
