import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getListingOptions, getListLimit, getLocatorValue } from '../../../shared/node/parameters';
import { keyListingOptions, listingParameters } from '../../../shared/node/description';
import { followPages } from '../../../shared/storage/pages';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('object', 'list');

export const description = forOperation(
	displayOptions,
	listingParameters(containerLocator(), [...keyListingOptions]),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const limit = getListLimit(this, itemIndex);
	const options = getListingOptions(this, itemIndex);
	return await followPages<IDataObject>(async (pageSize, pageToken) => {
		const page = await driver.listObjects(container, { ...options, pageSize, pageToken });
		const entries = [
			...page.prefixes.map((prefix) => ({ type: 'prefix', ...prefix })),
			...page.objects.map((object) => ({ type: 'object', ...object })),
		];
		return { entries, nextPageToken: page.nextPageToken };
	}, limit);
}
