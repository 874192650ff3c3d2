import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { s3ServiceFor } from './service';

export async function searchBuckets(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const s3 = await s3ServiceFor(this);
	try {
		const needle = (filter ?? '').toLowerCase();
		const buckets = await s3.listBuckets();
		return {
			results: buckets
				.filter((bucket) => bucket.name.toLowerCase().includes(needle))
				.map((bucket) => ({ name: bucket.name, value: bucket.name })),
		};
	} finally {
		s3.destroy();
	}
}
