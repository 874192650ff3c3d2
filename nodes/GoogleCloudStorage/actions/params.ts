import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter as invalid } from '../../shared/node/errors';
import { getLocatorValue } from '../../shared/node/parameters';

/** A bad-input error naming the parameter as this node shows it. */
export { invalid };

/** A bucket or object picker's value, trimmed (object names keep inner spaces). */
export function locator(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return getLocatorValue(ctx, name, itemIndex);
}

/** A name/value list into a map; every entry needs a name. */
export function readMetadata(
	ctx: IExecuteFunctions,
	raw: unknown,
	parameter: string,
	itemIndex: number,
): Record<string, string> {
	const entries =
		(raw as { entry?: Array<{ name?: string; value?: string }> } | undefined)?.entry ?? [];
	const metadata: Record<string, string> = {};
	for (const { name, value } of entries) {
		const key = String(name ?? '').trim();
		if (!key) throw invalid(ctx, parameter, 'every metadata entry needs a name', itemIndex);
		metadata[key] = String(value ?? '');
	}
	return metadata;
}

/** A size option given in MiB, as bytes; undefined when 0 or empty. */
export function mebibytes(
	ctx: IExecuteFunctions,
	value: unknown,
	parameter: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0)
		throw invalid(ctx, parameter, `"${String(value)}" is not a whole number of MiB`, itemIndex);
	return number * 1024 * 1024;
}
