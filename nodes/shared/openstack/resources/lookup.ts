import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../node/errors';
import { httpStatusOf, type OpenStackContext } from '../request';

/**
 * Finding a resource the user named: by ID or by name, as the resource locator's mode says (a
 * plain value from an expression is tried as both). An unknown or ambiguous value is refused
 * with an error naming the parameter, before anything is created. Found resources are kept for
 * the rest of the run, so 100 items naming one flavor look it up once.
 */

export const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export interface Finder<T> {
	/** 'flavor', 'security group': for messages. */
	kind: string;
	/** IDs look like this (UUIDs for most services); other values are not tried as IDs. */
	idPattern?: RegExp;
	byId(ctx: OpenStackContext, id: string): Promise<T | undefined>;
	/** Candidates for a name (the exact matches are kept); absent where the name is the ID (key pairs). */
	byName?(ctx: OpenStackContext, name: string): Promise<T[]>;
	/** `byName` answers every candidate (not only the matches): an error then lists some names. */
	listsAll?: boolean;
	idOf(resource: T): string;
	nameOf(resource: T): string | undefined;
}

/** A read that answers "not there" (404, or 400 for a malformed ID) with undefined. */
export async function unlessMissing<T>(run: () => Promise<T>): Promise<T | undefined> {
	try {
		return await run();
	} catch (error) {
		const status = httpStatusOf(error);
		if (status === 404 || status === 400) return undefined;
		throw error;
	}
}

const found = new WeakMap<object, Map<string, Promise<unknown>>>();

function remembered<T>(ctx: object, key: string, load: () => Promise<T>): Promise<T> {
	let cache = found.get(ctx);
	if (!cache) found.set(ctx, (cache = new Map()));
	let entry = cache.get(key) as Promise<T> | undefined;
	if (!entry) {
		entry = load();
		entry.catch(() => cache.delete(key));
		cache.set(key, entry);
	}
	return entry;
}

export type LookupMode = 'id' | 'name' | 'any';

/** A locator's (or plain parameter's) value and how it was given. */
export function locatorInput(
	ctx: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
): { value: string; mode: LookupMode } {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw && typeof raw === 'object' && 'value' in raw) {
		const { mode, value } = raw as { mode?: string; value?: unknown };
		const text = String(value ?? '').trim();
		return {
			value: text,
			mode: mode === 'name' ? 'name' : mode === 'list' || mode === 'id' ? 'id' : 'any',
		};
	}
	return { value: String(raw ?? '').trim(), mode: 'any' };
}

/** The resource `value` names, or an error naming `label` (the parameter as n8n shows it). */
export async function findResource<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	finder: Finder<T>,
	value: string,
	mode: LookupMode = 'any',
): Promise<T> {
	if (!value) throw parameterError(ctx.getNode(), label, `give a ${finder.kind}`, itemIndex);
	return await remembered(ctx, `${finder.kind}\u0000${mode}\u0000${value}`, async () => {
		if (!finder.byName) {
			const byKey = await finder.byId(ctx, value);
			if (byKey) return byKey;
			throw parameterError(
				ctx.getNode(),
				label,
				`no ${finder.kind} is named "${value}"`,
				itemIndex,
			);
		}
		const idLike = !finder.idPattern || finder.idPattern.test(value);
		let known = '';
		if (mode !== 'name' && idLike) {
			const byId = await finder.byId(ctx, value);
			if (byId) return byId;
		}
		if (mode !== 'id' || !idLike) {
			const named = await finder.byName(ctx, value);
			const exact = named.filter((resource) => finder.nameOf(resource) === value);
			if (finder.listsAll && named.length > 0) {
				const names = named.map((resource) => finder.nameOf(resource) ?? finder.idOf(resource));
				known = ` (${finder.kind}s: ${names.slice(0, 15).join(', ')}${names.length > 15 ? ', …' : ''})`;
			}
			if (exact.length === 1) return exact[0];
			if (exact.length > 1) {
				throw parameterError(
					ctx.getNode(),
					label,
					`${exact.length} ${finder.kind}s are named "${value}" (${exact
						.map((resource) => finder.idOf(resource))
						.join(', ')}): choose one by ID`,
					itemIndex,
				);
			}
			if (mode === 'name' && idLike) {
				const byId = await finder.byId(ctx, value);
				if (byId) return byId;
			}
		}
		throw parameterError(
			ctx.getNode(),
			label,
			`no ${finder.kind} ${mode === 'id' ? 'has the ID' : mode === 'name' ? 'is named' : 'has the name or ID'} "${value}"${known}`,
			itemIndex,
		);
	});
}

/** The resource a locator parameter names. */
export async function findFromParameter<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	finder: Finder<T>,
): Promise<T> {
	const { value, mode } = locatorInput(ctx, parameter, itemIndex);
	return await findResource(ctx, itemIndex, label, finder, value, mode);
}

/** Names or IDs from a comma- or line-separated text, or an array from an expression. */
export function listInput(ctx: IExecuteFunctions, parameter: string, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
		.map((entry) => entry.trim())
		.filter((entry) => entry.length > 0);
}
