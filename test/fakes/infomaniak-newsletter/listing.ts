import { invalid } from './errors';

/** What a list answer carries: the items, plus the pagination fields when `page` was asked for. */
export interface Listing {
	data: unknown;
	total?: number;
	page?: number;
	pages?: number;
	items_per_page?: number;
}

/** The largest page the fake serves. */
export const MAX_PER_PAGE = 1000;

function integer(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) throw invalid({ [name]: `The ${name} must be an integer.` });
	return Number(raw);
}

/**
 * Infomaniak's list capacities: `return=total`, `order_by`/`order`, `page`/`per_page`
 * (then adding total, page, pages, items_per_page) or `skip`/`limit`.
 */
export function listing<T extends object>(
	items: T[],
	query: URLSearchParams,
	present: (item: T) => unknown,
): Listing {
	if (query.get('return') === 'total') return { data: items.length };
	const orderBy = query.get('order_by');
	let sorted = items;
	if (orderBy) {
		const direction = query.get('order') === 'desc' ? -1 : 1;
		sorted = [...items].sort((a, b) => {
			const x = (a as Record<string, unknown>)[orderBy] as number | string;
			const y = (b as Record<string, unknown>)[orderBy] as number | string;
			return (x < y ? -1 : x > y ? 1 : 0) * direction;
		});
	}
	const page = integer(query, 'page');
	if (page !== undefined) {
		const perPage = Math.min(Math.max(integer(query, 'per_page') ?? 15, 1), MAX_PER_PAGE);
		const pages = Math.max(1, Math.ceil(sorted.length / perPage));
		const current = Math.max(page, 1);
		return {
			data: sorted.slice((current - 1) * perPage, current * perPage).map(present),
			total: sorted.length,
			page: current,
			pages,
			items_per_page: perPage,
		};
	}
	const skip = integer(query, 'skip') ?? 0;
	const limit = integer(query, 'limit');
	return {
		data: sorted.slice(skip, limit === undefined ? undefined : skip + limit).map(present),
	};
}

/** `filter[name][…]` values of a bracket query: a string, or the list of `filter[name][i]`. */
export function filterValue(query: URLSearchParams, name: string): string | string[] | undefined {
	const single = query.get(`filter[${name}]`);
	if (single !== null) return single;
	const list = [...query.entries()]
		.filter(([key]) => new RegExp(`^filter\\[${name}\\]\\[\\d*\\]$`).test(key))
		.map(([, value]) => value);
	return list.length > 0 ? list : undefined;
}
