import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { keyListingOptions, listingParameters } from '../../../shared/node/description';
import { getListingOptions, getListLimit } from '../../../shared/node/parameters';
import type { ListedObject } from '../../../shared/storage/drivers/swift/bulk';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { listedObject } from '../../../shared/storage/drivers/swift/driver';
import { containerLocator, forOperation, getContainer, showFor } from '../common';

export const description = forOperation(
	showFor('object', 'list'),
	listingParameters(containerLocator(), [...keyListingOptions]),
);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const options = getListingOptions(this, itemIndex);
	const entries = await swift.inContainer(
		container,
		async () =>
			await swift.listAll<ListedObject>(
				swift.path(container),
				{
					...(options.prefix ? { prefix: options.prefix } : {}),
					...(options.delimiter ? { delimiter: options.delimiter } : {}),
				},
				getListLimit(this, itemIndex),
			),
	);
	return entries.map((entry): IDataObject =>
		entry.subdir !== undefined
			? { type: 'prefix', container, prefix: entry.subdir }
			: { type: 'object', ...listedObject(container, entry) },
	);
}
