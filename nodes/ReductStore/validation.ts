import type { IDataObject, INode } from 'n8n-workflow';

import { parameterError as invalid } from '../shared/node/errors';
import { parseJsonParameter } from '../shared/node/parameters';

/**
 * Input checks of the ReductStore node and trigger. Each failure is a NodeOperationError that
 * names the parameter as n8n shows it; all of them run before any request is sent, so bad
 * input never writes anything.
 */

/** A bad-input error naming the parameter as n8n shows it (`Invalid "Bucket": ...`). */
export { invalid };

// ------------------------------------------------------------------ names

const BUCKET_NAME = /^[A-Za-z0-9_-]+$/;
const ENTRY_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Bucket names: letters, digits, "-" and "_" (the server's rule). */
export function checkBucketName(
	node: INode,
	value: unknown,
	parameter = 'bucket',
	itemIndex?: number,
): string {
	const name = typeof value === 'string' ? value.trim() : String(value ?? '');
	if (!name) throw invalid(node, parameter, 'it must not be empty', itemIndex);
	if (!BUCKET_NAME.test(name)) {
		throw invalid(
			node,
			parameter,
			`"${name}" may contain only letters, digits, "-" and "_"`,
			itemIndex,
		);
	}
	return name;
}

/** Entry names: like bucket names, in one or more "/"-separated segments (`robot/cam-1`). */
export function checkEntryName(
	node: INode,
	value: unknown,
	parameter = 'entry',
	itemIndex?: number,
): string {
	const name = typeof value === 'string' ? value.trim() : String(value ?? '');
	if (!name) throw invalid(node, parameter, 'it must not be empty', itemIndex);
	if (!name.split('/').every((segment) => ENTRY_SEGMENT.test(segment))) {
		throw invalid(
			node,
			parameter,
			`"${name}" may contain only letters, digits, "-" and "_", in segments separated by "/"`,
			itemIndex,
		);
	}
	return name;
}

/** Token and replication names travel in the URL path; the server accepts any non-empty name. */
export function checkPlainName(
	node: INode,
	value: unknown,
	parameter: string,
	itemIndex?: number,
): string {
	const name = typeof value === 'string' ? value.trim() : String(value ?? '');
	if (!name) throw invalid(node, parameter, 'it must not be empty', itemIndex);
	if (/[\s/\\?#%]/.test(name)) {
		throw invalid(
			node,
			parameter,
			`"${name}" must not contain spaces or the characters / \\ ? # %`,
			itemIndex,
		);
	}
	return name;
}

// ------------------------------------------------------------------ timestamps

/** Timestamps are microseconds in JSON numbers: beyond 2^53 (year 2255) they would lose digits. */
const MAX_TIMESTAMP = BigInt(Number.MAX_SAFE_INTEGER);

let lastIssued = 0n;

/** The wall clock in whole microseconds (Date.now() alone has milliseconds). */
function clockMicros(): bigint {
	return BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000));
}

/**
 * "Now" in microseconds, strictly increasing within this process so that items never collide.
 * Read to the microsecond, not the millisecond: in n8n's queue mode several worker processes
 * write "now" records to the same entry, and whole milliseconds (×1000) would make two
 * workers' records of the same millisecond share a timestamp.
 */
export function nowMicros(): bigint {
	const now = clockMicros();
	lastIssued = now > lastIssued ? now : lastIssued + 1n;
	return lastIssued;
}

const ISO_DATE =
	/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function fromIso(text: string): bigint | undefined {
	const match = ISO_DATE.exec(text);
	if (!match) return undefined;
	const [, date, time, fraction, zone] = match;
	// Without a zone, a date-time is read as UTC (not the n8n server's local time).
	const iso = `${date}T${time ?? '00:00:00'}${zone ?? 'Z'}`;
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return undefined;
	const micros = fraction ? BigInt(fraction.padEnd(6, '0').slice(0, 6)) : 0n;
	return BigInt(ms) * 1000n + micros;
}

/**
 * Reads a timestamp parameter: "now" (or empty, when `allowNow`), an ISO 8601 date, a whole
 * number of microseconds since the epoch, or a date object from an expression (`{{ $now }}`).
 */
export function parseTimestamp(
	node: INode,
	value: unknown,
	parameter: string,
	itemIndex?: number,
	options: { allowNow?: boolean } = {},
): bigint {
	const { allowNow = true } = options;
	let result: bigint | undefined;
	if (value instanceof Date) {
		result = Number.isNaN(value.getTime()) ? undefined : BigInt(value.getTime()) * 1000n;
	} else if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		result = fromIso(String((value as { toISO: () => string }).toISO()));
	} else if (typeof value === 'number' || typeof value === 'bigint') {
		if (typeof value === 'number' && !Number.isSafeInteger(value)) {
			throw invalid(node, parameter, `${value} is not a whole number of microseconds`, itemIndex);
		}
		result = BigInt(value);
	} else {
		const text = String(value ?? '').trim();
		if (text === '' || text.toLowerCase() === 'now') {
			if (allowNow) return nowMicros();
			throw invalid(node, parameter, 'it must not be empty', itemIndex);
		}
		result = /^\d+$/.test(text) ? BigInt(text) : fromIso(text);
		if (result === undefined) {
			throw invalid(
				node,
				parameter,
				`"${text}" is neither an ISO 8601 date (e.g. 2026-01-31T12:00:00Z) nor a whole number of microseconds since 1970`,
				itemIndex,
			);
		}
	}
	if (result === undefined) throw invalid(node, parameter, 'it is not a valid date', itemIndex);
	if (result < 0n) throw invalid(node, parameter, 'it is before 1970-01-01', itemIndex);
	if (result > MAX_TIMESTAMP) {
		throw invalid(
			node,
			parameter,
			`${result} microseconds is past the largest supported timestamp (year 2255)`,
			itemIndex,
		);
	}
	return result;
}

/** An optional timestamp (query bounds): undefined when the parameter is empty. */
export function parseOptionalTimestamp(
	node: INode,
	value: unknown,
	parameter: string,
	itemIndex?: number,
): bigint | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return parseTimestamp(node, value, parameter, itemIndex, { allowNow: true });
}

/** `2026-01-31T12:00:00.123456Z`: ISO 8601 with the record's full microsecond precision. */
export function isoTime(ts: bigint): string {
	const ms = ts / 1000n;
	const iso = new Date(Number(ms)).toISOString();
	return `${iso.slice(0, 19)}.${(ts % 1_000_000n).toString().padStart(6, '0')}Z`;
}

// ------------------------------------------------------------------ labels

export type Labels = Record<string, string>;

/**
 * Every label is one HTTP header (`x-reduct-label-<name>`); servers refuse requests with more than
 * about a hundred headers or very large header blocks, so the node refuses sooner and clearly.
 */
export const MAX_LABELS = 80;
export const MAX_LABEL_BYTES = 8 * 1024;

const LABEL_NAME = /^[A-Za-z0-9_-]+$/;
const HEADER_VALUE = /^[\x20-\x7e]*$/;

export interface LabelRule {
	/** Empty values are allowed (a label update removes the label). */
	allowEmpty?: boolean;
	/** Values must fit the batch protocol's CSV form (no double quote). */
	forBatch?: boolean;
}

/**
 * Checks a label set. Names travel as HTTP header names, which are case-insensitive: they are
 * stored in lower case.
 */
export function checkLabels(
	node: INode,
	entries: Array<{ name?: unknown; value?: unknown }>,
	parameter = 'labels',
	itemIndex?: number,
	rule: LabelRule = {},
): Labels {
	const labels: Labels = {};
	let bytes = 0;
	for (const entry of entries) {
		const name = String(entry.name ?? '')
			.trim()
			.toLowerCase();
		const value = entry.value === undefined || entry.value === null ? '' : String(entry.value);
		if (!name) throw invalid(node, parameter, 'every label needs a name', itemIndex);
		if (!LABEL_NAME.test(name)) {
			throw invalid(
				node,
				parameter,
				`label name "${name}" may contain only letters, digits, "-" and "_"`,
				itemIndex,
			);
		}
		if (!HEADER_VALUE.test(value)) {
			throw invalid(
				node,
				parameter,
				`the value of label "${name}" contains characters other than printable ASCII (labels travel as HTTP headers)`,
				itemIndex,
			);
		}
		if (!rule.allowEmpty && value === '') {
			throw invalid(node, parameter, `label "${name}" has no value`, itemIndex);
		}
		if (rule.forBatch && value.includes('"')) {
			throw invalid(
				node,
				parameter,
				`the value of label "${name}" contains a double quote, which batched writes cannot carry`,
				itemIndex,
			);
		}
		if (Object.hasOwn(labels, name))
			throw invalid(node, parameter, `label "${name}" is given twice`, itemIndex);
		labels[name] = value;
		bytes += name.length + value.length;
	}
	const count = Object.keys(labels).length;
	if (count > MAX_LABELS) {
		throw invalid(
			node,
			parameter,
			`${count} labels are too many: a record can carry at most ${MAX_LABELS}`,
			itemIndex,
		);
	}
	if (bytes > MAX_LABEL_BYTES) {
		throw invalid(
			node,
			parameter,
			`the labels take ${bytes} bytes: names and values together must fit in ${MAX_LABEL_BYTES} bytes`,
			itemIndex,
		);
	}
	return labels;
}

/** Labels from a fixedCollection value `{ label: [{ name, value }] }` or a plain JSON object. */
export function labelEntries(value: unknown): Array<{ name?: unknown; value?: unknown }> {
	if (!value || typeof value !== 'object') return [];
	const list = (value as { label?: unknown }).label;
	if (Array.isArray(list)) return list as Array<{ name?: unknown; value?: unknown }>;
	if ('label' in (value as object)) return [];
	return Object.entries(value as IDataObject).map(([name, entry]) => ({ name, value: entry }));
}

export function labelHeaders(labels: Labels): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(labels)) headers[`x-reduct-label-${name}`] = value;
	return headers;
}

// ------------------------------------------------------------------ when

/** A `when` condition: empty gives undefined; otherwise it must be a JSON object. */
export function parseWhen(
	node: INode,
	value: unknown,
	parameter = 'when',
	itemIndex?: number,
): IDataObject | undefined {
	const text = typeof value === 'string' ? value.trim() : value;
	if (text === '') return undefined;
	const parsed = parseJsonParameter(node, parameter, text, itemIndex);
	if (parsed === undefined || parsed === null) return undefined;
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalid(
			node,
			parameter,
			'it must be a JSON object, e.g. {"&score": {"$gt": 10}}',
			itemIndex,
		);
	}
	return Object.keys(parsed).length === 0 ? undefined : (parsed as IDataObject);
}

/** A comma-separated list parameter (or an array from an expression). */
export function parseList(value: unknown): string[] {
	const items = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return items.map((item) => item.trim()).filter((item) => item !== '');
}
