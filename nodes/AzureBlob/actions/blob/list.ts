import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getListLimit, getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { listBlobsPage } from '../../../shared/storage/drivers/azure/blobs';
import { MAX_PAGE_SIZE } from '../../../shared/storage/drivers/azure/containers';
import { NAMING, containerLocator, forOperation, returnAllAndLimit, showFor } from '../common';

const displayOptions = showFor('blob', 'list');

export const description = forOperation(displayOptions, [
	containerLocator(),
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Delimiter',
				name: 'delimiter',
				type: 'string',
				default: '/',
				description:
					'List by hierarchy: names sharing a prefix up to this character come back as one "prefix" item, like folders',
			},
			{
				displayName: 'Include Metadata',
				name: 'includeMetadata',
				type: 'boolean',
				default: false,
				description: "Whether to return each blob's metadata",
			},
			{
				displayName: 'Include Snapshots',
				name: 'includeSnapshots',
				type: 'boolean',
				default: false,
				description: 'Whether to return snapshots too (each with its "snapshot" time)',
			},
			{
				displayName: 'Include Tags',
				name: 'includeTags',
				type: 'boolean',
				default: false,
				description: "Whether to return each blob's index tags",
			},
			{
				displayName: 'Prefix',
				name: 'prefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. reports/2026/',
				description: 'Only blobs whose name starts with this',
			},
		],
	},
]);

interface Options {
	delimiter?: string;
	includeMetadata?: boolean;
	includeSnapshots?: boolean;
	includeTags?: boolean;
	prefix?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const limit = getListLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const results: IDataObject[] = [];
	let pageToken: string | undefined;
	do {
		const page = await listBlobsPage(
			azure,
			container,
			{
				...options,
				pageSize:
					limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - results.length),
				pageToken,
			},
			NAMING,
		);
		for (const prefix of page.prefixes) results.push({ type: 'prefix', container, prefix });
		for (const blob of page.blobs) results.push({ type: 'blob', ...blob });
		pageToken = page.nextPageToken;
	} while (pageToken && (limit === undefined || results.length < limit));
	return limit === undefined ? results : results.slice(0, limit);
}
