import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { HeatStack } from '../stacks';
import { heatRequest } from '../transport';

/** The project's stacks whose name contains the filter, a page at a time. */
export async function searchStacks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { stacks } = await heatRequest<{ stacks: HeatStack[] }>(this, {
		path: '/stacks',
		qs: {
			limit: 200,
			sort_keys: 'name',
			sort_dir: 'asc',
			...(paginationToken ? { marker: paginationToken } : {}),
		},
	});
	const page = stacks ?? [];
	const text = filter?.trim().toLowerCase();
	return {
		results: page
			.filter((stack) => !text || stack.stack_name.toLowerCase().includes(text))
			.map((stack) => ({ name: `${stack.stack_name} (${stack.stack_status})`, value: stack.id })),
		paginationToken: page.length === 200 ? page[page.length - 1].id : undefined,
	};
}
