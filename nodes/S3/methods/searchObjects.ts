import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { s3ServiceFor } from './service';

const PAGE_SIZE = 100;

async function searchIn(
	ctx: ILoadOptionsFunctions,
	bucketParameter: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const bucket = ctx.getCurrentNodeParameter(bucketParameter, { extractValue: true }) as string;
	if (!bucket) return { results: [] };
	const s3 = await s3ServiceFor(ctx);
	try {
		// The filter is a key prefix: one page per request, however large the bucket.
		const page = await s3.listObjectsPage(bucket, {
			prefix: filter || undefined,
			maxKeys: PAGE_SIZE,
			continuationToken: paginationToken,
		});
		return {
			results: page.objects.map((object) => ({ name: object.key, value: object.key })),
			paginationToken: page.nextContinuationToken,
		};
	} finally {
		s3.destroy();
	}
}

export async function searchObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'bucket', filter, paginationToken);
}

export async function searchSourceObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchIn(this, 'sourceBucket', filter, paginationToken);
}
