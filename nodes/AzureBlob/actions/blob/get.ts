import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { getBlobProperties } from '../../../shared/storage/drivers/azure/blobs';
import { NAMING, blobLocator, containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('blob', 'get');

export const description = forOperation(displayOptions, [
	containerLocator(),
	blobLocator(),
	{
		displayName: 'Include Tags',
		name: 'includeTags',
		type: 'boolean',
		default: false,
		description:
			"Whether to return the blob's index tags too (one more request; needs the tag permission)",
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const blob = getLocatorValue(this, 'blob', itemIndex);
	const includeTags = this.getNodeParameter('includeTags', itemIndex, false) as boolean;
	return await getBlobProperties(azure, container, blob, { includeTags }, NAMING);
}
