import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getListLimit, getLocatorValue } from '../../../shared/node/parameters';
import { keyListingOptions } from '../../../shared/node/description';
import { followPages } from '../../../shared/storage/pages';
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

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const limit = getListLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		prefix?: string;
		delimiter?: string;
	};
	return await followPages<IDataObject>(async (pageSize, pageToken) => {
		const page = await driver.listObjects(container, {
			prefix: options.prefix || undefined,
			delimiter: options.delimiter || undefined,
			pageSize,
			pageToken,
		});
		const entries = [
			...page.prefixes.map((prefix) => ({ type: 'prefix', ...prefix })),
			...page.objects.map((object) => ({ type: 'object', ...object })),
		];
		return { entries, nextPageToken: page.nextPageToken };
	}, limit);
}
