import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GcsClient } from '../../shared/storage/drivers/gcs/client';
import type { ItemResult } from '../../shared/node/items';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

/** One operation of the Google Cloud Storage node: its parameters and its behaviour, side by side. */
export type GcsOperation = (this: IExecuteFunctions, itemIndex: number, client: GcsClient) => Promise<ItemResult>;

export function bucketLocator(name = 'bucket', displayName = 'Bucket'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The bucket to use',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBuckets', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. my-bucket' },
		],
	};
}

export function objectLocator(name = 'objectName', displayName = 'Object Name', bucketParameter = 'bucket'): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'name', value: '' },
		required: true,
		description: "The object's name (its path in the bucket, e.g. reports/2026/summary.pdf)",
		modes: [
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. reports/2026/summary.pdf' },
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: bucketParameter === 'bucket' ? 'searchObjects' : 'searchSourceObjects',
					searchable: true,
				},
			},
		],
	};
}

/** A name/value list (custom metadata). */
export function metadataEntries(displayName = 'Metadata', name = 'metadata'): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add metadata',
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}
