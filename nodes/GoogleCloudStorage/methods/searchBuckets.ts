import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listBucketsPage } from '../../shared/storage/drivers/gcs/buckets';
import { withClient } from '../client';

/** The bucket picker: one page of the project's buckets, filtered by what the user typed. */
export async function searchBuckets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await withClient(
		this,
		async (client) => await listBucketsPage(client, { pageSize: 1000, pageToken: paginationToken }),
	);
	const needle = (filter ?? '').toLowerCase();
	return {
		results: page.buckets
			.filter((bucket) => bucket.name.toLowerCase().includes(needle))
			.map((bucket) => ({ name: bucket.name, value: bucket.name })),
		paginationToken: page.nextPageToken,
	};
}
