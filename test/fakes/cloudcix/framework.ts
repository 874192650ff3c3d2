/**
 * The list rules of CloudCIX's framework, `cloudcix_rest` (HEAD 070d0a0c):
 * - `middleware.OpenAPIDeepObjectParserMiddleware`: `search[x]=v` / `exclude[x]=v` become dicts
 *   (the last of repeated keys wins, like Django's `QueryDict.__getitem__`);
 * - `controllers.ControllerBase.validate_search / validate_exclude / validate_limit /
 *   validate_page / validate_order`, with their warnings, word for word;
 * - the slicing `[page * limit : (page + 1) * limit]` and `_metadata` of the list views.
 */

export const DEFAULT_STRING_FILTER_OPERATORS = [
	'in',
	'icontains',
	'iendswith',
	'iexact',
	'istartswith',
] as const;
export const DEFAULT_NUMBER_FILTER_OPERATORS = [
	'gt',
	'gte',
	'in',
	'isnull',
	'lt',
	'lte',
	'range',
] as const;

export interface ListMeta {
	allowedOrdering: string[];
	searchFields: Record<string, readonly string[]>;
	maxListLimit?: number;
	normalListLimit?: number;
}

export type FilterValue = string | boolean | number | string[];

export interface CleanList {
	search: Record<string, FilterValue>;
	exclude: Record<string, FilterValue>;
	limit: number;
	page: number;
	order: string;
	warnings: string[];
}

const DEEP_OBJECT = /^(?<dict>[a-zA-Z][a-zA-Z0-9]+)\[(?<key>.+)\]$/;
const LIST_PATTERN = /[[\]()'"]/g;
const VALIDATION_ORDER = ['search', 'exclude', 'limit', 'page', 'order'];
const DATE_PARTS = ['year', 'month', 'day', 'week_day', 'hour', 'minute'];

/** The middleware: deepObject dicts, and the other parameters (last value of each). */
export function parseQuery(params: URLSearchParams): {
	dicts: Record<string, Record<string, string>>;
	plain: Map<string, string>;
} {
	const dicts: Record<string, Record<string, string>> = {};
	const plain = new Map<string, string>();
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		const value = values[values.length - 1];
		const match = DEEP_OBJECT.exec(key);
		if (match?.groups) {
			dicts[match.groups.dict] ??= {};
			dicts[match.groups.dict][match.groups.key] = value;
		} else plain.set(key, value);
	}
	return { dicts, plain };
}

/** Python's int() on a stripped string; undefined where it raises. */
function pythonInt(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

function validateFilters(
	kind: 'Search' | 'Exclude',
	filters: Record<string, string>,
	meta: ListMeta,
	warnings: string[],
): Record<string, FilterValue> {
	const clean: Record<string, FilterValue> = {};
	const fields = meta.searchFields;
	for (const [name, raw] of Object.entries(filters)) {
		const segments = name.split('__');
		const nameWithoutOp = segments.slice(0, -1).join('__');
		const op = segments[segments.length - 1];
		if (!(name in fields) && !(nameWithoutOp in fields)) {
			warnings.push(
				`${kind}FilterWarning: ${name} is an invalid filter for this list method and was skipped.`,
			);
			continue;
		}
		if (nameWithoutOp in fields && !fields[nameWithoutOp].includes(op)) {
			warnings.push(
				kind === 'Search'
					? `SearchFilterWarning: ${name} is an invalid filter for this list method as the specified operator is invalid for the name, and was skipped.`
					: `ExcludeFilterWarning: ${name} is an invalid filter for this list method as the specified operator is invalid for the name, and was skipped.`,
			);
			continue;
		}
		const [field, operator] = name in fields ? [name, undefined] : [nameWithoutOp, op];
		let value: FilterValue = String(raw);
		if (operator === 'in' || operator === 'range') {
			const values = value
				.replace(LIST_PATTERN, '')
				.split(',')
				.map((entry) => entry.trim())
				.filter((entry) => entry !== '');
			if (operator === 'range' && values.length !== 2) {
				warnings.push(
					`${kind}FilterWarning: ${name} is an invalid filter as it contains an invalid${kind === 'Search' ? ' ' : ''}"range" parameter. Ensure that "range" parameters are sent as strings of 2-tuples, e.g. "search[number__range]=(10, 15)".`,
				);
				continue;
			}
			value = values;
		} else if (operator === 'isnull' || ['true', 'false'].includes(value.toLowerCase())) {
			value = value.toLowerCase() === 'true';
		} else if (operator !== undefined && DATE_PARTS.includes(operator)) {
			const number = pythonInt(value);
			if (number === undefined) {
				warnings.push(
					`${kind}FilterWarning: ${name} is an invalid filter as it requires an integer value and the received value was not a valid integer.`,
				);
				continue;
			}
			value = number;
		}
		clean[[field, operator].filter(Boolean).join('__')] = value;
	}
	return clean;
}

/** The list controller of a service on the parsed query. */
export function validateList(params: URLSearchParams, meta: ListMeta): CleanList {
	const { dicts, plain } = parseQuery(params);
	const warnings: string[] = [];
	let search = dicts.search;
	if (search === undefined) {
		search = {};
		for (const [key, value] of plain)
			if (key !== 'format' && !VALIDATION_ORDER.includes(key) && !key.startsWith('exclude__'))
				search[key] = value;
		if (Object.keys(search).length > 0)
			warnings.push(
				'DeprecationWarning: The old form of specifying search filters is deprecated and will be removed soon. Please now use the OpenAPI deepObject style to specify filters; e.g. "name__icontains=hi" should become "search[name__icontains]=hi".',
			);
	}
	let exclude = dicts.exclude;
	if (exclude === undefined) {
		exclude = {};
		for (const [key, value] of plain)
			if (key !== 'format' && !VALIDATION_ORDER.includes(key) && key.startsWith('exclude__'))
				exclude[key.replace('exclude__', '')] = value;
		if (Object.keys(exclude).length > 0)
			warnings.push(
				'DeprecationWarning: The old form of specifying exclude filters is deprecated and will be removed soon. Please now use the OpenAPI deepObject style to specify filters; e.g. "exclude__name__icontains=hi" should become "exclude[name__icontains]=hi".',
			);
	}
	const cleanSearch = validateFilters('Search', search, meta, warnings);
	const cleanExclude = validateFilters('Exclude', exclude, meta, warnings);

	const max = meta.maxListLimit ?? 100;
	const normal = meta.normalListLimit ?? 50;
	let limit = pythonInt(plain.get('limit'));
	if (limit === undefined || limit < 1 || limit > max) limit = normal;
	const page = Math.max(pythonInt(plain.get('page')) ?? 0, 0);

	let order = plain.get('order')?.trim() ?? meta.allowedOrdering[0];
	const desc = order.startsWith('-');
	order = order.replace(/^-+/, '');
	order = meta.allowedOrdering.includes(order)
		? `${desc ? '-' : ''}${order}`
		: meta.allowedOrdering[0];

	return { search: cleanSearch, exclude: cleanExclude, limit, page, order, warnings };
}

export type FieldType = 'string' | 'integer' | 'boolean' | 'datetime';

/** A filter value the database cannot compare with the field (Django raises ValueError). */
export class InvalidFilterValue extends Error {}

type Row = Record<string, unknown>;

function coerce(value: unknown, type: FieldType): unknown {
	if (type === 'integer') {
		if (typeof value === 'number') return value;
		const number = pythonInt(String(value));
		if (number === undefined) throw new InvalidFilterValue(String(value));
		return number;
	}
	if (type === 'boolean') {
		if (typeof value === 'boolean') return value;
		throw new InvalidFilterValue(String(value));
	}
	return typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
}

function datePart(value: unknown, part: string): number | undefined {
	if (typeof value !== 'string') return undefined;
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return undefined;
	switch (part) {
		case 'year':
			return date.getUTCFullYear();
		case 'month':
			return date.getUTCMonth() + 1;
		case 'day':
			return date.getUTCDate();
		case 'week_day':
			return date.getUTCDay() + 1;
		case 'hour':
			return date.getUTCHours();
		default:
			return date.getUTCMinutes();
	}
}

/** One Django field lookup (`field`, `field__op`) on a row. */
export function matchesLookup(
	row: Row,
	key: string,
	value: FilterValue,
	types: Record<string, FieldType>,
): boolean {
	const segments = key.split('__');
	const op = segments.length > 1 ? segments[segments.length - 1] : 'exact';
	const field = segments.length > 1 ? segments.slice(0, -1).join('__') : key;
	const type = types[field] ?? 'string';
	const actual = row[field];
	const text = (input: unknown) => (input === null || input === undefined ? '' : String(input));
	const compare = (a: unknown, b: unknown) =>
		typeof a === 'number' && typeof b === 'number'
			? a - b
			: text(a) < text(b)
				? -1
				: text(a) > text(b)
					? 1
					: 0;
	switch (op) {
		case 'exact':
			return actual === coerce(value, type);
		case 'iexact':
			return text(actual).toLowerCase() === text(value).toLowerCase();
		case 'contains':
			return text(actual).includes(text(value));
		case 'icontains':
			return text(actual).toLowerCase().includes(text(value).toLowerCase());
		case 'startswith':
			return text(actual).startsWith(text(value));
		case 'istartswith':
			return text(actual).toLowerCase().startsWith(text(value).toLowerCase());
		case 'endswith':
			return text(actual).endsWith(text(value));
		case 'iendswith':
			return text(actual).toLowerCase().endsWith(text(value).toLowerCase());
		case 'in':
			return (value as string[]).map((entry) => coerce(entry, type)).includes(actual);
		case 'range': {
			const [low, high] = (value as string[]).map((entry) => coerce(entry, type));
			return actual !== null && compare(actual, low) >= 0 && compare(actual, high) <= 0;
		}
		case 'gt':
			return actual !== null && compare(actual, coerce(value, type)) > 0;
		case 'gte':
			return actual !== null && compare(actual, coerce(value, type)) >= 0;
		case 'lt':
			return actual !== null && compare(actual, coerce(value, type)) < 0;
		case 'lte':
			return actual !== null && compare(actual, coerce(value, type)) <= 0;
		case 'isnull':
			return (actual === null || actual === undefined) === (value === true);
		case 'regex':
			return new RegExp(text(value)).test(text(actual));
		case 'iregex':
			return new RegExp(text(value), 'i').test(text(actual));
		default:
			if (DATE_PARTS.includes(op)) return datePart(actual, op) === value;
			throw new InvalidFilterValue(`unsupported lookup ${op}`);
	}
}

/** Django's `.filter(**search).exclude(**exclude).order_by(order)`, then the page's slice. */
export function applyList<T extends Row>(
	rows: T[],
	clean: CleanList,
	types: Record<string, FieldType>,
): { page: T[]; total: number } {
	const kept = rows.filter(
		(row) =>
			Object.entries(clean.search).every(([key, value]) => matchesLookup(row, key, value, types)) &&
			!(
				Object.keys(clean.exclude).length > 0 &&
				Object.entries(clean.exclude).every(([key, value]) => matchesLookup(row, key, value, types))
			),
	);
	const desc = clean.order.startsWith('-');
	const field = clean.order.replace(/^-/, '');
	const sorted = kept
		.map((row, index) => ({ row, index }))
		.sort((a, b) => {
			const x = a.row[field];
			const y = b.row[field];
			const byField =
				typeof x === 'number' && typeof y === 'number'
					? x - y
					: String(x ?? '').localeCompare(String(y ?? ''));
			return (desc ? -byField : byField) || a.index - b.index;
		})
		.map(({ row }) => row);
	return {
		page: sorted.slice(clean.page * clean.limit, (clean.page + 1) * clean.limit),
		total: sorted.length,
	};
}
