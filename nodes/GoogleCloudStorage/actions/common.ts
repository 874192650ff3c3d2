import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GcsClient } from '../../shared/storage/drivers/gcs/client';
import type { ItemResult } from '../../shared/node/items';
import { listLocator, nameValueList, pathLocator } from '../../shared/node/description';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

/** One operation of the Google Cloud Storage node: its parameters and its behaviour, side by side. */
export type GcsOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: GcsClient,
) => Promise<ItemResult>;

export function bucketLocator(name = 'bucket', displayName = 'Bucket'): INodeProperties {
	const description = 'The bucket to use';
	return listLocator({
		name,
		displayName,
		description,
		searchMethod: 'searchBuckets',
		placeholder: 'e.g. my-bucket',
	});
}

export function objectLocator(
	name = 'objectName',
	displayName = 'Object Name',
	bucketParameter = 'bucket',
): INodeProperties {
	const description = "The object's name (its path in the bucket, e.g. reports/2026/summary.pdf)";
	const searchMethod = bucketParameter === 'bucket' ? 'searchObjects' : 'searchSourceObjects';
	return pathLocator({ name, displayName, description, searchMethod });
}

/** A name/value list (custom metadata). */
export function metadataEntries(displayName = 'Metadata', name = 'metadata'): INodeProperties {
	return nameValueList(displayName, name, 'Add metadata');
}
