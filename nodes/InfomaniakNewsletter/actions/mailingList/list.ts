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
	returnAllAndLimit,
	searchFilter,
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
	const search = String(getOptions(this, itemIndex, 'filters').search ?? '').trim();
	const groups = await newsletterRequestAll(
		this,
		client,
		{ path: apiPath`/groups`, qs: bracketQuery('filter', { search }) },
		getListLimit(this, itemIndex),
	);
	return withIsoDates(groups);
}
