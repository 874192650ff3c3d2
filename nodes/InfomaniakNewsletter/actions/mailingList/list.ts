import type { IExecuteFunctions } from 'n8n-workflow';

import { apiPath, bracketQuery, type NewsletterClient } from '../../transport';
import {
	filtersCollection,
	forOperation,
	getOptions,
	listItems,
	returnAllAndLimit,
	searchFilter,
	searchText,
	showFor,
} from '../common';

export const description = forOperation(showFor('mailingList', 'list'), [
	...returnAllAndLimit,
	filtersCollection([searchFilter('Only mailing lists whose name contains this text')]),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const search = searchText(getOptions(this, itemIndex, 'filters'));
	return await listItems(
		this,
		client,
		{ path: apiPath`/groups`, qs: bracketQuery('filter', { search }) },
		itemIndex,
	);
}
