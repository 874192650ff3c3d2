import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

/** A `listSearch` method: one page of a resource locator's "From List". */
export type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** One page of a list: its items, and the token of the next page when there is one. */
export interface PickerPage<T> {
	items: T[];
	next?: string;
}

export interface PickerSpec<T> {
	/**
	 * Another parameter of the node the list depends on (the bucket of an object picker): its
	 * value is handed to `page`, and the list is empty while it is not set.
	 */
	within?: string;
	/**
	 * One page of items. `filter` is what the user typed (trimmed), for lists that search on the
	 * provider's side (a name prefix); `token` is the page's, as `next` gave it.
	 */
	page: (
		ctx: ILoadOptionsFunctions,
		filter: string | undefined,
		token: string | undefined,
		within: string,
	) => Promise<PickerPage<T>>;
	/** What the list shows and the value it gives; by default the item itself, as a name. */
	result?: (item: T) => INodeListSearchItems;
	/**
	 * The texts the filter is looked for in (case aside) when the provider does not search;
	 * without it, the page is shown as it is.
	 */
	searchIn?: (item: T) => Array<string | undefined>;
}

/** The value of another parameter of the node being edited, trimmed ('' when not set). */
export function currentValue(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Whether one of `values` contains the typed filter, case aside (always, without a filter). */
export function matchesFilter(filter: string | undefined, ...values: Array<string | undefined>) {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || values.some((value) => value?.toLowerCase().includes(wanted));
}

const asName = (item: unknown): INodeListSearchItems => ({
	name: String(item),
	value: String(item),
});

/** The one shape of the pack's pickers: a page of items, filtered, as list entries. */
export function picker<T>(spec: PickerSpec<T>): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const within = spec.within ? currentValue(this, spec.within) : '';
		if (spec.within && !within) return { results: [] };
		const typed = filter?.trim() || undefined;
		const page = await spec.page(this, typed, paginationToken, within);
		const shown = spec.searchIn
			? page.items.filter((item) => matchesFilter(typed, ...spec.searchIn!(item)))
			: page.items;
		return { results: shown.map(spec.result ?? asName), paginationToken: page.next };
	};
}
