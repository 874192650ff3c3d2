import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * CloudCIX's error bodies (framework `cloudcix_rest/exceptions.py`), turned into messages:
 * - validation: 400 `{ errors: { field: { error_code, detail } }, detail: "Bad request." }`
 * - with a code: `{ error_code: "<app>_<service>_<method>_<NNN>", detail }` (400/403/404/409/503)
 * - from DRF itself (401, expired user 403, 405): `{ detail }`
 */

export interface CloudCixFieldError {
	field: string;
	errorCode?: string;
	detail: string;
}

export interface CloudCixErrorBody {
	errorCode?: string;
	detail?: string;
	fields: CloudCixFieldError[];
}

function asObject(value: unknown): IDataObject | undefined {
	if (typeof value === 'string' || Buffer.isBuffer(value)) {
		try {
			return asObject(JSON.parse(value.toString()));
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads a CloudCIX error body; undefined when it is not one (an HTML page, a proxy's text). */
export function readCloudCixError(body: unknown): CloudCixErrorBody | undefined {
	const object = asObject(body);
	if (!object) return undefined;
	const fields: CloudCixFieldError[] = [];
	const errors = asObject(object.errors);
	for (const [field, value] of Object.entries(errors ?? {})) {
		const entry = asObject(value);
		fields.push({
			field,
			errorCode: text(entry?.error_code),
			detail: text(entry?.detail) ?? text(value) ?? 'invalid',
		});
	}
	const errorCode = text(object.error_code);
	const detail = text(object.detail);
	if (!errorCode && !detail && fields.length === 0) return undefined;
	return { errorCode, detail, fields };
}

const withCode = (detail: string, code?: string) => (code ? `${detail} (${code})` : detail);

const STATUS_HINTS: Record<number, string> = {
	401: 'n8n logged in again and retried once, and CloudCIX still refused the token: check the CloudCIX credential.',
	403: 'The CloudCIX user is not allowed to do this (some changes need an administrator of the Member or a self-managed Member).',
	405: 'This service does not support this operation.',
	409: 'The record is in a state that does not allow this change.',
	503: 'A CloudCIX service this request depends on is unavailable; try again later.',
};

export interface ErrorContext {
	/** The request, e.g. "GET https://membership.api.cloudcix.com/department/7/". */
	request: string;
	/** The parameters to check when CloudCIX cannot find what was asked for. */
	notFoundHint: string;
}

/**
 * Rewrites the transport's NodeApiError for a CloudCIX answer: CloudCIX's error code and
 * message, each rejected field by name, what to check. Failures without an answer (network,
 * a refused login) and the transport's retry summary are kept as they are.
 */
export function toCloudCixError(error: unknown, context: ErrorContext): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const status = Number(error.httpCode);
	if (!Number.isInteger(status) || status <= 0) return error;
	const body = readCloudCixError(error.context.providerBody);
	// The transport's description is its status hint, then the retry summary: keep the summary.
	const retries = (error.description ?? '').trim().replace(/^[^.]*\.\s*/, '');
	const description: string[] = [];
	let message: string;
	if (body && body.fields.length > 0) {
		const fields = body.fields.map(
			(entry) => `${entry.field}: ${withCode(entry.detail, entry.errorCode)}`,
		);
		message = `CloudCIX rejected the request (HTTP ${status}): ${fields.join('; ')}`;
		description.push(
			`Fields CloudCIX rejected: ${body.fields.map((entry) => entry.field).join(', ')}. Check them in the JSON or Fields of the node.`,
		);
	} else if (body) {
		const code = body.errorCode ? ` (${body.errorCode})` : '';
		message = `CloudCIX returned HTTP ${status}${code}: ${body.detail ?? 'no detail given'}`;
	} else if (status === 404) {
		message = 'CloudCIX has no such service or record (HTTP 404)';
	} else {
		message = `CloudCIX returned HTTP ${status}`;
	}
	if (status === 404) description.push(context.notFoundHint);
	else if (status === 403 && /expired/i.test(body?.detail ?? ''))
		description.push("Ask an administrator of the Member to extend the user's expiry date.");
	else if (STATUS_HINTS[status]) description.push(STATUS_HINTS[status]);
	if (retries) description.push(retries);
	description.push(`Request: ${context.request}`);
	error.message = message;
	error.description = description.join(' ');
	return error;
}
