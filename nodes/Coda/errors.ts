import type { NodeApiError } from 'n8n-workflow';

import { otherFailureMessage } from '../shared/node/errors';
import { redactSecrets } from '../shared/transport';

/** The kinds of Coda resources a path can name, as Coda's messages call them. */
export type CodaResourceKind =
	'doc' | 'page' | 'table' | 'column' | 'row' | 'formula' | 'control' | 'mutation';

const KIND_WORDS: Array<[RegExp, CodaResourceKind]> = [
	[/\bparent page\b/i, 'page'],
	[/\bdoc\b/i, 'doc'],
	[/\bpage\b/i, 'page'],
	[/\b(table|view)\b/i, 'table'],
	[/\bcolumn\b/i, 'column'],
	[/\brow\b/i, 'row'],
	[/\bformula\b/i, 'formula'],
	[/\bcontrol\b/i, 'control'],
	[/\bmutation\b/i, 'mutation'],
];

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | undefined {
	if (Buffer.isBuffer(value) || typeof value === 'string') {
		try {
			return asObject(JSON.parse(value.toString()));
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && typeof (value as Loose).pipe !== 'function'
		? (value as Loose)
		: undefined;
}

/** Coda's `message`, and its per-field `codaDetail.validationErrors` when it sends them. */
export function readCodaErrorBody(body: unknown): {
	message?: string;
	validationErrors: Array<{ path: string; message: string }>;
} {
	const object = asObject(body);
	const message =
		typeof object?.message === 'string' && object.message.trim() !== ''
			? object.message.trim()
			: undefined;
	const detail = asObject(object?.codaDetail);
	const raw = Array.isArray(detail?.validationErrors) ? (detail.validationErrors as unknown[]) : [];
	const validationErrors = raw
		.map((entry) => asObject(entry))
		.filter((entry): entry is Loose => entry !== undefined && typeof entry.message === 'string')
		.map((entry) => ({
			path: typeof entry.path === 'string' ? entry.path : '',
			message: String(entry.message),
		}));
	return { message, validationErrors };
}

/** The resource a 404/410 message is about ("Could not find a table …"), when it says. */
export function resourceOfMessage(message: string | undefined): CodaResourceKind | undefined {
	if (!message) return undefined;
	let found: { kind: CodaResourceKind; at: number } | undefined;
	for (const [pattern, kind] of KIND_WORDS) {
		const at = message.search(pattern);
		if (at >= 0 && (!found || at < found.at)) found = { kind, at };
	}
	return found?.kind;
}

function parameterHint(
	parameters: Partial<Record<CodaResourceKind, string>>,
	kind: CodaResourceKind | undefined,
): string {
	const named = kind ? parameters[kind] : undefined;
	if (named) return `Check the parameter "${named}".`;
	const all = Object.values(parameters);
	if (all.length === 0) return '';
	if (all.length === 1) return `Check the parameter "${all[0]}".`;
	return `Check the parameters ${all.map((label) => `"${label}"`).join(', ')}.`;
}

const RATE_LIMITS =
	'Coda allows each user 100 reads and 10 writes per 6 seconds (5 page-content writes per 10 seconds); send more rows per request or spread the work over time.';

/**
 * Rewrites the transport's NodeApiError for a failed Coda call into one of Coda's error classes
 * (400 validation, 401, 403, 404, 410, 429, the rest), with Coda's own message, its per-field
 * validation messages and the parameter to check. The retry summary of the transport is kept.
 */
export function toCodaError(
	error: NodeApiError,
	body: unknown,
	parameters: Partial<Record<CodaResourceKind, string>> = {},
	secrets: readonly string[] = [],
	extra: { notRetried?: string } = {},
): NodeApiError {
	const status = Number(error.httpCode);
	const { message: codaMessage, validationErrors } = readCodaErrorBody(body);
	const said = codaMessage ? `: ${codaMessage}` : '';
	// The transport's description is its status hint, then the retry summary: keep the summary.
	const transportDescription = (error.description ?? '').trim();
	const retries =
		Number.isInteger(status) && status > 0
			? transportDescription.replace(/^[^.]*\.\s*/, '')
			: transportDescription;
	let message: string;
	const description: string[] = [];
	switch (status) {
		case 400:
			message = `Coda rejected the request as invalid${said}`;
			for (const entry of validationErrors)
				description.push(`${entry.path || 'request'}: ${entry.message}.`);
			description.push(parameterHint(parameters, resourceOfMessage(codaMessage)));
			break;
		case 401:
			message = `Coda did not accept the API token (HTTP 401)${said}`;
			description.push(
				'Check the API Token of the Coda credential; tokens are made under Account settings → API settings on coda.io.',
			);
			break;
		case 403:
			message = `The Coda API token is not allowed to do this (HTTP 403)${said}`;
			description.push(
				"The token may be read-only or restricted to other docs, or the doc is not shared with the token's owner with edit rights.",
				parameterHint(parameters, resourceOfMessage(codaMessage)),
			);
			break;
		case 404: {
			const kind = resourceOfMessage(codaMessage);
			message = `Coda could not find the ${kind ?? 'resource'} (HTTP 404)${said}`;
			description.push(parameterHint(parameters, kind));
			break;
		}
		case 410: {
			const kind = resourceOfMessage(codaMessage);
			message = `The ${kind ?? 'resource'} was deleted in Coda (HTTP 410)${said}`;
			description.push(parameterHint(parameters, kind));
			break;
		}
		case 429:
			message = `Coda kept rate-limiting the request (HTTP 429)${said}`;
			description.push(RATE_LIMITS);
			break;
		default:
			message = otherFailureMessage('Coda', status, said, error);
			break;
	}
	if (extra.notRetried) description.push(extra.notRetried);
	else if (retries) description.push(retries);
	error.message = redactSecrets(message, secrets);
	error.description = redactSecrets(description.filter(Boolean).join(' '), secrets) || null;
	return error;
}
