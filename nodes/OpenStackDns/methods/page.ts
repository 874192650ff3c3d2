import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { dnsRequest } from '../transport';

/**
 * One page of a Designate list for a picker: names containing the filter (Designate's *
 * wildcard), sorted by name, 100 at a time; the next page starts after the last item's ID.
 */
export async function pickerPage<T extends { id: string }>(
	ctx: ILoadOptionsFunctions,
	path: string,
	itemsKey: string,
	label: (item: T) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim().replace(/\*/g, '');
	const answer = await dnsRequest<Record<string, unknown>>(ctx, {
		path,
		qs: {
			limit: 100,
			sort_key: 'name',
			sort_dir: 'asc',
			...(text ? { name: `*${text}*` } : {}),
			...(paginationToken ? { marker: paginationToken } : {}),
		},
	});
	const items = (answer[itemsKey] as T[] | undefined) ?? [];
	const next = (answer.links as { next?: string } | undefined)?.next;
	return {
		results: items.map((item) => ({ name: label(item), value: item.id })),
		paginationToken: next && items.length > 0 ? items[items.length - 1].id : undefined,
	};
}
