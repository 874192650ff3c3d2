import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/node/items';
import type { AzureConnection } from '../../shared/storage/drivers/azure/client';
import type { BlobNaming } from '../../shared/storage/drivers/azure/blobs';
import { StorageError } from '../../shared/storage/errors';
import { listLocator, pathLocator } from '../../shared/node/description';

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

/** Parameters as this node shows them, so that errors name what the user sees. */
const LABELS: Record<string, string> = {
	container: 'Container',
	containerName: 'Container Name',
	blob: 'Blob',
	key: 'Blob',
	blobName: 'Blob Name',
	binaryPropertyName: 'Input Binary Field',
	outputBinaryPropertyName: 'Put Output File in Field',
	sourceContainer: 'Source Container',
	sourceBlob: 'Source Blob',
	sourceKey: 'Source Blob',
	sourceUrl: 'Source URL',
	destinationContainer: 'Destination Container',
	destinationBlob: 'Destination Blob Name',
	metadata: 'Metadata',
	tags: 'Tags',
	tier: 'Access Tier',
	accessTier: 'Access Tier',
	rangeStart: 'Range Start',
	rangeEnd: 'Range End',
	expiresIn: 'Expires In (Seconds)',
	permissions: 'Permissions',
	expectedMd5: 'Expected MD5',
	blockSize: 'Block Size (MiB)',
	concurrency: 'Max Concurrency',
	limit: 'Limit',
};

/** `"Label"` of a parameter of this node, quotes included. */
export function label(parameter: string): string {
	return `"${LABELS[parameter] ?? parameter}"`;
}

/** Naming of the shared Azure operations for this node's usual container and blob parameters. */
export const NAMING: BlobNaming = {
	containerParameter: 'container',
	containerLabel: label('container'),
	blobParameter: 'blob',
	blobLabel: label('blob'),
};

/** A bad-input error naming the parameter as this node shows it. */
export function invalid(
	node: INode,
	parameter: string,
	problem: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(node, `Invalid ${label(parameter)}: ${problem}`, {
		itemIndex,
		description: `Check the parameter ${label(parameter)}`,
	});
}

/** A storage error pointed at this node's parameter (its labels differ from the Cloud Storage node's). */
export function relabel(node: INode, error: unknown, itemIndex: number): unknown {
	if (!(error instanceof StorageError)) return error;
	return new NodeOperationError(node, error.message, {
		itemIndex,
		description: error.parameter ? `Check the parameter ${label(error.parameter)}` : undefined,
	});
}

export function containerLocator(name = 'container', displayName = 'Container'): INodeProperties {
	const description = 'The container to use';
	return listLocator({
		name,
		displayName,
		description,
		searchMethod: 'searchContainers',
		placeholder: 'e.g. reports',
	});
}

export function blobLocator(
	name = 'blob',
	displayName = 'Blob',
	containerParameter = 'container',
): INodeProperties {
	const description = "The blob's name (its path in the container, e.g. reports/2026/summary.pdf)";
	const searchMethod = containerParameter === 'container' ? 'searchBlobs' : 'searchSourceBlobs';
	return pathLocator({ name, displayName, description, searchMethod });
}

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
