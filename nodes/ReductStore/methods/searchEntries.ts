import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bucketPath, reductRequest } from '../transport';

/** The entries of the bucket chosen in the same node, filtered by name. */
export async function searchEntries(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const bucket = String(
		this.getCurrentNodeParameter('bucket', { extractValue: true }) ?? '',
	).trim();
	if (!/^[A-Za-z0-9_-]+$/.test(bucket)) return { results: [] };
	const { entries } = await reductRequest<{
		entries?: Array<{ name: string; record_count?: number }>;
	}>(this, {
		path: bucketPath(bucket),
	});
	const needle = (filter ?? '').toLowerCase();
	return {
		results: (entries ?? [])
			.filter((entry) => entry.name.toLowerCase().includes(needle))
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((entry) => ({ name: entry.name, value: entry.name })),
	};
}
