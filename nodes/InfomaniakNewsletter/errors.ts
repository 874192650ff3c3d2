import type { NodeApiError } from 'n8n-workflow';

import { otherFailureMessage } from '../shared/node/errors';
import { providerBodyObject, redactSecrets, retrySummaryOf } from '../shared/transport';

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Infomaniak's error body: `{"result": "error", "error": {"code", "description"}}`, validation
 * errors adding per-field messages (read from `errors`, `fields` or `validation`, as a map of
 * field → messages or a list of `{description, context: {attribute}}`).
 */
export function readNewsletterErrorBody(body: unknown): {
	code?: string;
	description?: string;
	fields: string[];
} {
	const error = providerBodyObject(providerBodyObject(body)?.error);
	const details = error?.errors ?? error?.fields ?? error?.validation;
	const fields: string[] = [];
	if (Array.isArray(details)) {
		for (const entry of details) {
			const object = providerBodyObject(entry);
			const message = text(object?.description) ?? text(object?.message) ?? text(entry);
			const attribute = text(providerBodyObject(object?.context)?.attribute) ?? text(object?.field);
			if (message) fields.push(attribute ? `${attribute}: ${message}` : message);
		}
	} else if (details && typeof details === 'object') {
		for (const [field, messages] of Object.entries(details)) {
			const list = Array.isArray(messages) ? messages : [messages];
			for (const message of list) if (text(message)) fields.push(`${field}: ${text(message)}`);
		}
	}
	return { code: text(error?.code), description: text(error?.description), fields };
}

function checkParameters(labels: string[]): string {
	const quoted = labels.map((label) => `"${label}"`);
	return quoted.length === 1
		? `Check the parameter ${quoted[0]}.`
		: `Check the parameters ${quoted.join(', ')}.`;
}

const QUOTA =
	'Infomaniak allows 60 requests per minute per account. The node paces itself below that; another client of the account (or another n8n worker) may be using the same quota.';

/**
 * Rewrites the transport's NodeApiError for a failed Newsletter call: Infomaniak's own code and
 * description, the parameter to check, and the transport's retry summary.
 */
export function toNewsletterError(
	error: NodeApiError,
	body: unknown,
	call: { notFound?: string; invalid?: string[] },
	secrets: readonly string[] = [],
): NodeApiError {
	const status = Number(error.httpCode);
	const { code, description: said, fields } = readNewsletterErrorBody(body);
	const detail = [code, said].filter(Boolean).join(': ');
	const suffix = detail ? `: ${detail}` : '';
	const retries = retrySummaryOf(error);
	let message: string;
	const description: string[] = [];
	switch (status) {
		case 400:
		case 422:
			message = `Infomaniak refused the request as invalid (HTTP ${status})${suffix}`;
			description.push(...fields.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`)));
			if (call.invalid?.length) description.push(checkParameters(call.invalid));
			break;
		case 401:
			message = `Infomaniak did not accept the API token (HTTP 401)${suffix}`;
			description.push(
				'Check the API Token of the Infomaniak Newsletter credential (Manager → API tokens; it needs the "newsletter" scope) and whether it has expired.',
			);
			break;
		case 403:
			message = `The Infomaniak API token is not allowed to do this (HTTP 403)${suffix}`;
			description.push(
				'The token needs the "newsletter" scope, and the newsletter domain (Domain ID of the credential) must belong to an account the token can act for.',
			);
			break;
		case 404:
			message = `Infomaniak could not find it (HTTP 404)${suffix}`;
			description.push(
				call.notFound
					? checkParameters([call.notFound])
					: 'Check the Domain ID of the Infomaniak Newsletter credential.',
			);
			break;
		case 429:
			message = `Infomaniak kept rate-limiting the request (HTTP 429)${suffix}`;
			description.push(QUOTA);
			break;
		default:
			message = otherFailureMessage('Infomaniak', status, suffix, error);
			break;
	}
	if (retries) description.push(retries);
	error.message = redactSecrets(message, secrets);
	error.description = redactSecrets(description.filter(Boolean).join(' '), secrets) || null;
	return error;
}
