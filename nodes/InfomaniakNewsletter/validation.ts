import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../shared/node/errors';
import {
	apiPath,
	newsletterRequestAll,
	type NewsletterClient,
	type NewsletterContext,
} from './transport';

/**
 * Checks made before anything is sent: bad input gets an error naming the parameter, and
 * nothing is created on Infomaniak's side.
 */

/** The languages Infomaniak accepts for a campaign (its `lang` enum). */
export const LANGUAGES = [
	{ name: 'English', value: 'en_GB' },
	{ name: 'French', value: 'fr_FR' },
	{ name: 'German', value: 'de_DE' },
	{ name: 'Italian', value: 'it_IT' },
	{ name: 'Spanish', value: 'es_ES' },
] as const;

const LANGUAGE_CODES: readonly string[] = LANGUAGES.map((language) => language.value);

/** An address Infomaniak can send to: one @, a dotted domain, no spaces, at most 254 characters. */
const EMAIL =
	/^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value) && !value.includes('..');
}

/** A text parameter, trimmed; `required` refuses an empty one. */
export function readText(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	required = true,
): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (required && value === '')
		throw parameterError(ctx.getNode(), name, 'it must not be empty', itemIndex, label);
	return value;
}

/** An e-mail address parameter (or a value read from one), checked. */
export function checkEmail(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const email = String(value ?? '').trim();
	if (email === '')
		throw parameterError(ctx.getNode(), name, 'it must not be empty', itemIndex, label);
	if (!isEmail(email))
		throw parameterError(
			ctx.getNode(),
			name,
			`"${email}" is not a valid e-mail address`,
			itemIndex,
			label,
		);
	return email;
}

export function readEmail(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	return checkEmail(ctx, ctx.getNodeParameter(name, itemIndex, ''), name, itemIndex, label);
}

export function checkLanguage(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
): string {
	const language = String(value ?? '').trim();
	if (!LANGUAGE_CODES.includes(language))
		throw parameterError(
			ctx.getNode(),
			name,
			`"${language}" is not one of Infomaniak's campaign languages (${LANGUAGE_CODES.join(', ')})`,
			itemIndex,
			'Language',
		);
	return language;
}

/** Ids given as a list (multi-select, expression array) or as text separated by commas. */
export function toIdList(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
	label: string,
): number[] {
	const raw = Array.isArray(value)
		? value
		: String(value ?? '')
				.split(/[\s,;]+/)
				.filter(Boolean);
	return raw.map((entry) => {
		const text = String(entry).trim();
		if (!/^\d+$/.test(text) || Number(text) <= 0)
			throw parameterError(ctx.getNode(), name, `"${text}" is not an ID`, itemIndex, label);
		return Number(text);
	});
}

export type KnownKind = 'groups' | 'segments';

/** The ids of the domain's groups or segments, read once per run. */
export function knownIds(
	ctx: NewsletterContext,
	client: NewsletterClient,
	kind: KnownKind,
): Promise<Set<number>> {
	client.known ??= {};
	client.known[kind] ??= newsletterRequestAll<IDataObject>(ctx, client, {
		path: apiPath`/${kind}`,
	}).then((items) => new Set(items.map((item) => Number(item.id))));
	const pending = client.known[kind]!;
	// a failed read is not kept: the next item asks again
	pending.catch(() => {
		if (client.known?.[kind] === pending) delete client.known[kind];
	});
	return pending;
}

/** Refuses ids that are not groups (or segments) of the domain, before anything is sent. */
export async function requireKnown(
	ctx: IExecuteFunctions,
	client: NewsletterClient,
	kind: KnownKind,
	ids: number[],
	name: string,
	itemIndex: number,
	label: string,
): Promise<void> {
	if (ids.length === 0) return;
	const known = await knownIds(ctx, client, kind);
	const unknown = ids.filter((id) => !known.has(id));
	if (unknown.length > 0) {
		const what = kind === 'groups' ? 'mailing list' : 'segment';
		throw parameterError(
			ctx.getNode(),
			name,
			`no ${what} has the ID ${unknown.join(', ')} in this newsletter domain`,
			itemIndex,
			label,
		);
	}
}
