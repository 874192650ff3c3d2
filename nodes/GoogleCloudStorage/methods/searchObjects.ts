import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listObjectsPage } from '../../shared/storage/drivers/gcs/objects';
import { withClient } from '../client';

const PAGE_SIZE = 100;

async function searchIn(
	ctx: ILoadOptionsFunctions,
	bucketParameter: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const bucket = ctx.getCurrentNodeParameter(bucketParameter, { extractValue: true }) as string;
	if (!bucket) return { results: [] };
	// The filter is a name prefix: the picker stays one page, however large the bucket.
	const page = await withClient(
		ctx,
		async (client) =>
			await listObjectsPage(client, bucket, {
				prefix: filter || undefined,
				pageSize: PAGE_SIZE,
				pageToken: paginationToken,
			}),
	);
	return {
		results: page.objects.map((object) => ({ name: object.key, value: object.key })),
		paginationToken: page.nextPageToken,
	};
}

/** The object picker, in the bucket chosen above it. */
export async function searchObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'bucket', filter, paginationToken);
}

/** The source-object picker of Copy, in the source bucket. */
export async function searchSourceObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'sourceBucket', filter, paginationToken);
}
