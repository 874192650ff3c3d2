import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { followPages } from '../../../shared/storage/pages';
import { getListLimit, getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { listBlobsPage } from '../../../shared/storage/drivers/azure/blobs';
import { MAX_PAGE_SIZE } from '../../../shared/storage/drivers/azure/containers';
import { listingParameters } from '../../../shared/node/description';
import { NAMING, containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('blob', 'list');

export const description = forOperation(
	displayOptions,
	listingParameters(containerLocator(), [
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
	]),
);

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
	return await followPages<IDataObject>(
		async (pageSize, pageToken) => {
			const page = await listBlobsPage(
				azure,
				container,
				{ ...options, pageSize, pageToken },
				NAMING,
			);
			const entries = [
				...page.prefixes.map((prefix) => ({ type: 'prefix', container, prefix })),
				...page.blobs.map((blob) => ({ type: 'blob', ...blob })),
			];
			return { entries, nextPageToken: page.nextPageToken };
		},
		limit,
		MAX_PAGE_SIZE,
	);
}
