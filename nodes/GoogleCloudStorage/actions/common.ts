import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GcsClient } from '../../shared/storage/drivers/gcs/client';
import type { ItemResult } from '../../shared/node/items';
import { nameValueList } from '../../shared/node/description';
import { storageLocators } from '../../shared/node/storageLocators';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

/** One operation of the Google Cloud Storage node: its parameters and its behaviour, side by side. */
export type GcsOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: GcsClient,
) => Promise<ItemResult>;

export const { containerLocator: bucketLocator, objectLocator } = storageLocators({
	container: {
		name: 'bucket',
		displayName: 'Bucket',
		description: 'The bucket to use',
		searchMethod: 'searchBuckets',
		placeholder: 'e.g. my-bucket',
	},
	object: {
		name: 'objectName',
		displayName: 'Object Name',
		description: "The object's name (its path in the bucket, e.g. reports/2026/summary.pdf)",
		searchMethods: { own: 'searchObjects', source: 'searchSourceObjects' },
	},
});

/** A name/value list (custom metadata). */
export function metadataEntries(displayName = 'Metadata', name = 'metadata'): INodeProperties {
	return nameValueList(displayName, name, 'Add metadata');
}
