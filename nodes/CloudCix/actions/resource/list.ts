import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, showFor } from '../../../shared/node/description';
import { getInteger } from '../../../shared/node/parameters';
import { cloudCixPage, MAX_PAGE_SIZE, type CloudCixClient } from '../../transport';
import {
	listingParameters,
	readListing,
	recordItems,
	reportWarnings,
	warningsOf,
} from '../listing';
import { notFoundHint, readTarget } from '../target';

const displayOptions = showFor('resource', 'list');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Page',
		name: 'page',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'The page to return, counted from 0',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: 50,
		description: 'Max number of results to return',
	},
	...listingParameters,
] as INodeProperties[]);

/** One page: `page` (0-based) of `limit` records (at most 100), one item per record. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const target = readTarget(this, itemIndex);
	const page = getInteger(this, 'page', itemIndex, { min: 0, fallback: 0, label: 'Page' });
	const limit = getInteger(this, 'limit', itemIndex, {
		min: 1,
		max: MAX_PAGE_SIZE,
		fallback: 50,
		label: 'Limit',
	});
	const { qs, options } = readListing(this, itemIndex);
	const result = await cloudCixPage(this, client, {
		method: 'GET',
		application: target.application,
		path: target.path,
		qs: { ...qs, page, limit },
		notFoundHint: notFoundHint(undefined),
	});
	const warnings = warningsOf(result.metadata);
	reportWarnings(this, itemIndex, warnings, options);
	return recordItems(result.content, result.metadata, warnings, options);
}
