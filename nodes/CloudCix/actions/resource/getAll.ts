import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, returnAllAndLimit, showFor } from '../../../shared/node/description';
import { getListLimit } from '../../../shared/node/parameters';
import { cloudCixPages, MAX_PAGE_SIZE, type CloudCixClient } from '../../transport';
import {
	listingParameters,
	readListing,
	recordItems,
	reportWarnings,
	warningsOf,
} from '../listing';
import { notFoundHint, readTarget } from '../target';

const displayOptions = showFor('resource', 'getAll');

export const description = forOperation(displayOptions, [
	...returnAllAndLimit,
	...listingParameters,
]);

/**
 * Every page from page 0, 100 records each (fewer when the Limit is smaller), until CloudCIX's
 * `total_records` are covered or the Limit is reached; one item per record.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CloudCixClient) {
	const target = readTarget(this, itemIndex);
	const limit = getListLimit(this, itemIndex);
	const { qs, options } = readListing(this, itemIndex);
	const items: IDataObject[] = [];
	const warnings = new Set<string>();
	const pages = cloudCixPages(
		this,
		client,
		{
			method: 'GET',
			application: target.application,
			path: target.path,
			qs,
			notFoundHint: notFoundHint(undefined),
		},
		Math.min(MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE),
	);
	for await (const page of pages) {
		const pageWarnings = warningsOf(page.metadata);
		pageWarnings.forEach((warning) => warnings.add(warning));
		reportWarnings(this, itemIndex, pageWarnings, options);
		items.push(...recordItems(page.content, page.metadata, pageWarnings, options));
		if (limit !== undefined && items.length >= limit) break;
	}
	const all = [...warnings];
	// Every record carries the warnings of the whole listing, whichever page it came on.
	return items.slice(0, limit).map((item) => (all.length > 0 ? { ...item, _warnings: all } : item));
}
