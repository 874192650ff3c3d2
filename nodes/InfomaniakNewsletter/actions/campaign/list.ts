import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { parseDateTime, unixSeconds } from '../../dates';
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
import { CAMPAIGN_STATUSES } from './fields';

const label = (status: string) =>
	status
		.replace(/_v1$/, ' (v1)')
		.replace(/_/g, ' ')
		.replace(/^./, (c) => c.toUpperCase());

export const description = forOperation(showFor('campaign', 'list'), [
	...returnAllAndLimit,
	filtersCollection([
		{
			displayName: 'From Date',
			name: 'dateFrom',
			type: 'dateTime',
			default: '',
			description: "Only campaigns from this date on (workflow's time zone)",
		},
		searchFilter('Only campaigns whose subject contains this text'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			options: CAMPAIGN_STATUSES.map((status) => ({ name: label(status), value: status })),
			default: [],
			description: 'Only campaigns in one of these states',
		},
		{
			displayName: 'To Date',
			name: 'dateTo',
			type: 'dateTime',
			default: '',
			description: "Only campaigns up to this date (workflow's time zone)",
		},
	]),
]);

function dateFilter(
	ctx: IExecuteFunctions,
	filters: IDataObject,
	key: 'dateFrom' | 'dateTo',
	itemIndex: number,
): number | undefined {
	if (filters[key] === undefined || filters[key] === '') return undefined;
	const date = parseDateTime(filters[key], ctx.getTimezone());
	if (!date)
		throw parameterError(
			ctx.getNode(),
			`filters.${key}`,
			`"${String(filters[key])}" is not a date`,
			itemIndex,
			key === 'dateFrom' ? 'From Date' : 'To Date',
		);
	return unixSeconds(date);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: NewsletterClient,
) {
	const filters = getOptions(this, itemIndex, 'filters');
	const dateFrom = dateFilter(this, filters, 'dateFrom', itemIndex);
	const dateTo = dateFilter(this, filters, 'dateTo', itemIndex);
	const qs: IDataObject = {
		...bracketQuery('filter', {
			search: searchText(filters),
			status: (filters.status as string[] | undefined) ?? [],
		}),
		...(dateFrom !== undefined ? { date_from: dateFrom } : {}),
		...(dateTo !== undefined ? { date_to: dateTo } : {}),
	};
	return await listItems(this, client, { path: apiPath`/campaigns`, qs }, itemIndex);
}
