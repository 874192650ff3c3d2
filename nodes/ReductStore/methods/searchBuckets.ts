import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { reductRequest } from '../transport';

/** The buckets the credential's token can read, filtered by name. */
export async function searchBuckets(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { buckets } = await reductRequest<{ buckets?: Array<{ name: string }> }>(this, {
		path: '/list',
	});
	const needle = (filter ?? '').toLowerCase();
	return {
		results: (buckets ?? [])
			.filter((bucket) => bucket.name.toLowerCase().includes(needle))
			.map((bucket) => ({ name: bucket.name, value: bucket.name })),
	};
}
