import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemResult } from '../../shared/node/items';
import type { AzureConnection } from '../../shared/storage/drivers/azure/client';
import type { BlobNaming } from '../../shared/storage/drivers/azure/blobs';
import { parameterLabel } from '../../shared/storage/names';
import { storageLocators } from '../../shared/node/storageLocators';

export {
	showFor,
	forOperation,
	returnAllAndLimit,
	nameValueList,
} from '../../shared/node/description';

/** One operation of the Azure Blob Storage node: its parameters and its behaviour, side by side. */
export type AzureOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	azure: AzureConnection,
) => Promise<ItemResult>;

/** Naming of the shared Azure operations for this node's usual container and blob parameters. */
export const NAMING: BlobNaming = {
	containerParameter: 'container',
	containerLabel: parameterLabel('container'),
	blobParameter: 'blob',
	blobLabel: parameterLabel('blob', 'Blob'),
};

/** A bad-input error naming the parameter as this node shows it. */
export { parameterError as invalid } from '../../shared/node/errors';

export const { containerLocator, objectLocator: blobLocator } = storageLocators({
	container: {
		name: 'container',
		displayName: 'Container',
		description: 'The container to use',
		searchMethod: 'searchContainers',
		placeholder: 'e.g. reports',
	},
	object: {
		name: 'blob',
		displayName: 'Blob',
		description: "The blob's name (its path in the container, e.g. reports/2026/summary.pdf)",
		searchMethods: { own: 'searchBlobs', source: 'searchSourceBlobs' },
	},
});

/** The entries of a nameValueList parameter value. */
export function entriesOf(raw: unknown): Array<{ name: string; value: string }> {
	const entries =
		(raw as { entry?: Array<{ name?: unknown; value?: unknown }> } | undefined)?.entry ?? [];
	return entries.map(({ name, value }) => ({
		name: String(name ?? ''),
		value: String(value ?? ''),
	}));
}

export const TIER_OPTIONS = [
	{ name: 'Hot', value: 'Hot', description: 'Frequently read data' },
	{ name: 'Cool', value: 'Cool', description: 'Infrequently read, kept at least 30 days' },
	{ name: 'Cold', value: 'Cold', description: 'Rarely read, kept at least 90 days' },
	{
		name: 'Archive',
		value: 'Archive',
		description: 'Offline; must be rehydrated (hours) before it can be read',
	},
];
