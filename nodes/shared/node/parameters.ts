import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { DownloadOptions } from '../storage/driver';

import { parameterError } from './errors';

/**
 * Reads a whole-number parameter and refuses anything else, naming the parameter (by `label`,
 * its display name, when the pack's label table does not know it).
 */
export function getInteger(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	bounds: {
		min?: number;
		max?: number;
		fallback?: number;
		label?: string;
		/** The allowed range in words: anything else is refused as "… is outside <range>". */
		range?: string;
	} = {},
): number {
	const raw = ctx.getNodeParameter(name, itemIndex, bounds.fallback) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (
		bounds.range !== undefined &&
		(typeof value !== 'number' ||
			!Number.isInteger(value) ||
			value < (bounds.min ?? -Infinity) ||
			value > (bounds.max ?? Infinity))
	) {
		const problem = `${String(raw)} is outside ${bounds.range}`;
		throw parameterError(ctx.getNode(), name, problem, itemIndex, bounds.label);
	}
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw parameterError(
			ctx.getNode(),
			name,
			`"${String(raw)}" is not a whole number`,
			itemIndex,
			bounds.label,
		);
	}
	if (bounds.min !== undefined && value < bounds.min) {
		throw parameterError(
			ctx.getNode(),
			name,
			`${value} is below the minimum of ${bounds.min}`,
			itemIndex,
			bounds.label,
		);
	}
	if (bounds.max !== undefined && value > bounds.max) {
		throw parameterError(
			ctx.getNode(),
			name,
			`${value} is above the maximum of ${bounds.max}`,
			itemIndex,
			bounds.label,
		);
	}
	return value;
}

/** "Return All" / "Limit": undefined means everything. */
export function getListLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return getInteger(ctx, 'limit', itemIndex, { min: 1, fallback: 50 });
}

/** A resource-locator or plain string parameter, trimmed. */
export function getLocatorValue(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return typeof value === 'string' ? value.trim() : String(value ?? '');
}

/**
 * The byte range of a download (`useRange`, `rangeStart`, `rangeEnd` of `downloadOutputAndRange`):
 * undefined when off; an end of -1 means "to the end".
 */
export function getByteRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { start: number; end?: number } | undefined {
	if (!(ctx.getNodeParameter('useRange', itemIndex, false) as boolean)) return undefined;
	const start = getInteger(ctx, 'rangeStart', itemIndex, { min: 0, fallback: 0 });
	const end = getInteger(ctx, 'rangeEnd', itemIndex, { min: -1, fallback: -1 });
	if (end !== -1 && end < start) {
		throw parameterError(
			ctx.getNode(),
			'rangeEnd',
			`${end} is before "Range Start" (${start})`,
			itemIndex,
		);
	}
	return { start, end: end === -1 ? undefined : end };
}

/** The hash check of a Download operation ("Verify Hash", on unless turned off). */
export function getDownloadOptions(ctx: IExecuteFunctions, itemIndex: number): DownloadOptions {
	return { verifyHash: ctx.getNodeParameter('verifyHash', itemIndex, true) !== false };
}

/**
 * A whole-number option of a collection (`options[name]`, whose path is `<collection>.<name>`):
 * undefined when it is not set, else checked like `getInteger`.
 */
export function getIntegerOption(
	ctx: IExecuteFunctions,
	options: object,
	name: string,
	itemIndex: number,
	bounds: { min?: number; max?: number; collection?: string } = {},
): number | undefined {
	if ((options as Record<string, unknown>)[name] === undefined) return undefined;
	return getInteger(ctx, `${bounds.collection ?? 'options'}.${name}`, itemIndex, bounds);
}

/** A name/value list (`nameValueList`) as a map, names trimmed; an entry without a name is refused. */
export function getNameValueMap(
	ctx: IExecuteFunctions,
	path: string,
	itemIndex: number,
	displayName?: string,
): Record<string, string> {
	const raw = ctx.getNodeParameter(path, itemIndex, {}) as {
		entry?: Array<{ name?: unknown; value?: unknown }>;
	} | null;
	const map: Record<string, string> = {};
	for (const { name, value } of raw?.entry ?? []) {
		const key = String(name ?? '').trim();
		if (!key) {
			throw parameterError(ctx.getNode(), path, 'every entry needs a name', itemIndex, displayName);
		}
		map[key] = String(value ?? '');
	}
	return map;
}

/**
 * The value of a JSON parameter: text (as typed) is parsed, anything else (already parsed, from an
 * expression) is returned as it is. Blank text gives `blank` when it is given. Text that is not
 * JSON is refused, naming the parameter (by `displayName` when the label table does not know it).
 */
export function parseJsonParameter(
	node: INode,
	parameter: string,
	value: unknown,
	itemIndex?: number,
	options: { blank?: unknown; displayName?: string } = {},
): unknown {
	if (typeof value !== 'string') return value;
	if (options.blank !== undefined && value.trim() === '') return options.blank;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		throw parameterError(
			node,
			parameter,
			`it is not valid JSON (${(error as Error).message})`,
			itemIndex,
			options.displayName,
		);
	}
}

/** A text option, trimmed; undefined when empty. */
export function trimmed(value: unknown): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	return text === '' ? undefined : text;
}

/** The Prefix and Delimiter options of a storage listing, an empty one left undefined. */
export function getListingOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { prefix?: string; delimiter?: string } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as {
		prefix?: string;
		delimiter?: string;
	};
	return { prefix: options.prefix || undefined, delimiter: options.delimiter || undefined };
}

/** A boolean parameter (a switch), its default when unset. */
export function getSwitch(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback = false,
): boolean {
	return ctx.getNodeParameter(name, itemIndex, fallback) as boolean;
}
