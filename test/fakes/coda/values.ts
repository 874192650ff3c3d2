import { badRequest } from './errors';
import type { CellValue, ColumnRec, ScalarValue } from './model';

export type ValueFormat = 'simple' | 'simpleWithArrays' | 'rich';

const SCHEMA_ORG = 'http://schema.org/';

/** Resolves a lookup cell (row display name) to what the rich format needs. */
export type LookupResolver = (
	column: ColumnRec,
	name: string,
) => { rowId: string; tableId: string; url: string; tableUrl: string } | undefined;

export function simpleText(value: CellValue): string {
	return Array.isArray(value)
		? value.map((v) => (Array.isArray(v) ? v.join(',') : String(v))).join(',')
		: String(value);
}

function isScalar(value: unknown): value is ScalarValue {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Renders a stored cell in the requested `valueFormat` (see listRows' description in the spec). */
export function formatCell(
	column: ColumnRec,
	value: CellValue,
	format: ValueFormat,
	lookup: LookupResolver,
): unknown {
	if (format === 'simple') return Array.isArray(value) ? simpleText(value) : value;
	if (format === 'simpleWithArrays') return value;
	const rich = (v: ScalarValue | ScalarValue[]): unknown =>
		Array.isArray(v) ? v.map(rich) : richScalar(column, v, lookup);
	return Array.isArray(value) ? value.map(rich) : rich(value);
}

function richScalar(column: ColumnRec, value: ScalarValue, lookup: LookupResolver): unknown {
	switch (column.type) {
		case 'text':
			return typeof value === 'string' ? `\`\`\`${value}\`\`\`` : value;
		case 'currency':
			return typeof value === 'number'
				? {
						'@context': SCHEMA_ORG,
						'@type': 'MonetaryAmount',
						currency: column.currencyCode ?? 'USD',
						amount: value,
					}
				: value;
		case 'person': {
			const text = String(value);
			return text.includes('@')
				? { '@context': SCHEMA_ORG, '@type': 'Person', name: text.split('@')[0], email: text }
				: { '@context': SCHEMA_ORG, '@type': 'Person', name: text };
		}
		case 'link':
			return {
				'@context': SCHEMA_ORG,
				'@type': 'WebPage',
				name: String(value),
				url: String(value),
			};
		case 'lookup': {
			const target = lookup(column, String(value));
			if (!target) return value;
			return {
				'@context': SCHEMA_ORG,
				'@type': 'StructuredValue',
				additionalType: 'row',
				name: String(value),
				...target,
			};
		}
		default:
			return value;
	}
}

/** Converts a request cell value into what is stored, applying Coda-like parsing unless disabled. */
export function parseCellInput(
	column: ColumnRec,
	value: unknown,
	disableParsing: boolean,
): CellValue {
	if (column.calculated || column.type === 'button') {
		throw badRequest(`Column '${column.name}' (${column.id}) is calculated and cannot be edited.`);
	}
	const valid =
		isScalar(value) ||
		(Array.isArray(value) &&
			value.every((v) => isScalar(v) || (Array.isArray(v) && v.every(isScalar))));
	if (!valid) throw badRequest(`Invalid value for column '${column.name}' (${column.id}).`);
	const cell = value as CellValue;
	if (disableParsing || typeof cell !== 'string') return cell;
	switch (column.type) {
		case 'number':
		case 'percent':
		case 'currency': {
			const numeric = Number(cell.replace(/[$,%\s]/g, ''));
			return cell.trim() !== '' && Number.isFinite(numeric) ? numeric : cell;
		}
		case 'checkbox':
			return cell === 'true' ? true : cell === 'false' ? false : cell;
		case 'select':
		case 'lookup':
		case 'person':
			return column.isArray && cell.includes(',') ? cell.split(',').map((s) => s.trim()) : cell;
		default:
			return cell;
	}
}

function scalarEquals(a: unknown, b: unknown): boolean {
	return a === b || (isScalar(a) && isScalar(b) && String(a) === String(b));
}

/** Whether a stored cell matches a query/upsert-key value. */
export function cellMatches(stored: CellValue | undefined, wanted: unknown): boolean {
	if (stored === undefined) return wanted === '' || wanted === null;
	if (Array.isArray(wanted))
		return Array.isArray(stored) && simpleText(stored) === simpleText(wanted as CellValue);
	if (Array.isArray(stored))
		return stored.some((v) => scalarEquals(v, wanted)) || simpleText(stored) === String(wanted);
	return scalarEquals(stored, wanted);
}

/**
 * Parses listRows' `query` parameter: `<column_id>:<json>` or `"<column name or id>":<json>`.
 * Unquoted column references are IDs only, as documented.
 */
export function parseRowQuery(query: string): { column: string; quoted: boolean; value: unknown } {
	const text = query.trim();
	let column: string;
	let rest: string;
	const quoted = text.startsWith('"');
	if (quoted) {
		let i = 1;
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		if (i >= text.length)
			throw badRequest(`Invalid query: unterminated column name in '${query}'.`);
		column = JSON.parse(text.slice(0, i + 1)) as string;
		rest = text.slice(i + 1);
	} else {
		const colon = text.indexOf(':');
		if (colon <= 0) throw badRequest(`Invalid query '${query}': expected <column>:<value>.`);
		column = text.slice(0, colon);
		rest = text.slice(colon);
	}
	if (!rest.startsWith(':'))
		throw badRequest(`Invalid query '${query}': expected <column>:<value>.`);
	try {
		return { column, quoted, value: JSON.parse(rest.slice(1)) };
	} catch {
		throw badRequest(
			`Invalid query '${query}': the value must be JSON (quote strings, e.g. "groceries").`,
		);
	}
}
