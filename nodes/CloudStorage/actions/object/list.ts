import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getListLimit, getLocatorValue } from '../../../shared/node/parameters';
import { keyListingOptions } from '../../../shared/node/description';
import { containerLocator, forOperation, returnAllAndLimit, showFor } from '../common';

const displayOptions = showFor('object', 'list');

export const description = forOperation(displayOptions, [
	containerLocator(),
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...keyListingOptions],
	},
]);

const PAGE_SIZE = 1000;

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const limit = getListLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		prefix?: string;
		delimiter?: string;
	};
	const results: IDataObject[] = [];
	let pageToken: string | undefined;
	do {
		const pageSize = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - results.length);
		const page = await driver.listObjects(container, {
			prefix: options.prefix || undefined,
			delimiter: options.delimiter || undefined,
			pageSize,
			pageToken,
		});
		for (const prefix of page.prefixes) results.push({ type: 'prefix', ...prefix });
		for (const object of page.objects) results.push({ type: 'object', ...object });
		pageToken = page.nextPageToken;
	} while (pageToken && (limit === undefined || results.length < limit));
	return limit === undefined ? results : results.slice(0, limit);
}
