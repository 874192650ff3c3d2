import { NodeApiError } from 'n8n-workflow';
import type { Failure, INode, JsonObject } from 'n8n-workflow';

import { redactObject, redactSecrets } from './redact';
import {
	errorChain,
	networkErrorCode,
	RETRYABLE_NETWORK_CODES,
	TIMEOUT_NETWORK_CODES,
} from './retryPolicy';
import type { GiveUpReason } from './retryPolicy';

/** What we could learn about a failed request, whatever shape the thrown error had. */
export interface HttpFailure {
	/** HTTP status, when the service answered. */
	status?: number;
	/** Response headers, names lower-cased. */
	headers: Record<string, string>;
	/** Response body as received (object, string, Buffer or stream). */
	body?: unknown;
	/** Node/axios error code (ECONNRESET, ECONNABORTED...) when no response arrived. */
	networkCode?: string;
	/** Low-level error message, for failures without a response. */
	rawMessage?: string;
}

type LooseObject = Record<string, unknown>;

function asObject(value: unknown): LooseObject | undefined {
	return value && typeof value === 'object' ? (value as LooseObject) : undefined;
}

function normaliseHeaders(headers: unknown): Record<string, string> {
	const source = asObject(headers);
	if (!source) return {};
	// axios hands out AxiosHeaders instances; toJSON gives the plain map.
	const plain =
		typeof source.toJSON === 'function'
			? (asObject((source.toJSON as () => unknown)()) ?? {})
			: source;
	const normalised: Record<string, string> = {};
	for (const [name, value] of Object.entries(plain)) {
		if (value === undefined || value === null || typeof value === 'function') continue;
		normalised[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return normalised;
}

/**
 * Reads status, headers and body from an error thrown by n8n's request helpers.
 * n8n 2.x wraps axios errors in a NodeApiError (`httpCode`, `context.data`, axios error as
 * `cause`); axios errors carry `response.{status,headers,data}`; the legacy request helpers
 * use `statusCode` / `error`. All of them are looked for along the `cause` chain.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const chain = errorChain(error);
	for (const link of chain) {
		const response = asObject(link.response);
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				headers: normaliseHeaders(response.headers),
				body: response.data ?? response.body ?? link.error ?? contextData(chain),
			};
		}
		if (typeof link.statusCode === 'number') {
			return {
				status: link.statusCode,
				headers: normaliseHeaders(response?.headers ?? link.headers),
				body: link.error ?? response?.body ?? contextData(chain),
			};
		}
	}
	for (const link of chain) {
		const httpCode = typeof link.httpCode === 'string' ? Number(link.httpCode) : NaN;
		if (Number.isInteger(httpCode) && httpCode >= 100 && httpCode <= 599) {
			return { status: httpCode, headers: {}, body: contextData(chain) };
		}
	}
	const messages = chain
		.map((link) => link.message)
		.filter((message): message is string => typeof message === 'string' && message !== '');
	return {
		headers: {},
		networkCode: networkErrorCode(error),
		rawMessage: messages[messages.length - 1],
	};
}

function contextData(chain: LooseObject[]): unknown {
	for (const link of chain) {
		const data = asObject(link.context)?.data;
		if (data !== undefined) return data;
	}
	return undefined;
}

const MAX_PROVIDER_MESSAGE_LENGTH = 500;

function clip(text: string): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > MAX_PROVIDER_MESSAGE_LENGTH
		? `${oneLine.slice(0, MAX_PROVIDER_MESSAGE_LENGTH)}…`
		: oneLine;
}

function nonEmptyString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function messageFromJson(body: LooseObject): string | undefined {
	const nestedError = asObject(body.error);
	return (
		nonEmptyString(body.message) ??
		nonEmptyString(nestedError?.message) ??
		nonEmptyString(body.error_description) ??
		nonEmptyString(body.error) ??
		nonEmptyString(body.detail) ??
		nonEmptyString(body.Message)
	);
}

function messageFromText(text: string): string | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (trimmed.startsWith('{')) {
		try {
			const parsed = asObject(JSON.parse(trimmed));
			if (parsed) return messageFromJson(parsed);
		} catch {
			// not JSON after all: fall through to plain text
		}
	}
	if (trimmed.startsWith('<')) {
		// S3, Azure and GCS answer with <Error><Code>…</Code><Message>…</Message></Error>.
		const xmlMessage = /<Message>([\s\S]*?)<\/Message>/i.exec(trimmed)?.[1];
		const xmlCode = /<Code>([\s\S]*?)<\/Code>/i.exec(trimmed)?.[1];
		if (xmlMessage || xmlCode) return [xmlCode, xmlMessage].filter(Boolean).join(': ');
		const htmlTitle = /<title>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1];
		if (htmlTitle) return htmlTitle;
	}
	return trimmed;
}

/**
 * The service's own explanation: JSON `message`, `error.message`, `error_description`,
 * `error` (string) or `detail`; XML `<Code>`/`<Message>`; a text body; or the
 * `x-reduct-error` header (ReductStore).
 */
export function extractProviderMessage(
	body: unknown,
	headers: Record<string, string> = {},
): string | undefined {
	let message: string | undefined;
	if (Buffer.isBuffer(body)) message = messageFromText(body.toString('utf8'));
	else if (typeof body === 'string') message = messageFromText(body);
	else if (asObject(body) && typeof (body as LooseObject).pipe !== 'function') {
		message = messageFromJson(body as LooseObject);
	}
	message ??= nonEmptyString(headers['x-reduct-error']);
	return message === undefined ? undefined : clip(message);
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The service rejected the request as invalid.',
	401: 'Authentication failed - check the credential.',
	403: 'Access denied - the credential lacks permission for this resource.',
	404: 'The resource was not found.',
	409: 'The request conflicts with the current state of the resource.',
	412: 'A precondition of the request was not met.',
	413: 'The request is too large for the service.',
	429: 'The service is rate-limiting requests.',
	502: 'A gateway in front of the service failed.',
	503: 'The service is temporarily unavailable.',
	504: 'A gateway in front of the service timed out.',
};

function statusHint(status: number): string {
	if (STATUS_HINTS[status]) return STATUS_HINTS[status];
	if (status >= 500) return 'The service failed to process the request.';
	return 'The service could not process the request.';
}

/**
 * A provider's error body (as kept in a NodeApiError's `context.providerBody`) as an object: JSON
 * text or bytes are parsed; anything else (a stream, plain text) gives undefined.
 */
export function providerBodyObject(body: unknown): LooseObject | undefined {
	if (Buffer.isBuffer(body) || typeof body === 'string') {
		try {
			return providerBodyObject(JSON.parse(body.toString()));
		} catch {
			return undefined;
		}
	}
	return asObject(body) && typeof (body as LooseObject).pipe !== 'function'
		? (body as LooseObject)
		: undefined;
}

/**
 * The retry summary in the description of an error built by `toNodeApiError` (it follows the
 * status hint), for nodes that rewrite the message and hint in the provider's terms.
 */
export function retrySummaryOf(error: { httpCode: string | null; description?: string | null }) {
	const description = (error.description ?? '').trim();
	const status = Number(error.httpCode);
	return Number.isInteger(status) && status > 0
		? description.replace(/^[^.]*\.\s*/, '')
		: description;
}

/** Retry bookkeeping of the request that failed, for the error description. */
export interface RetrySummary {
	attempts?: number;
	elapsedMs?: number;
	giveUpReason?: GiveUpReason;
	retryAfterMs?: number;
	maxAttempts?: number;
	maxTotalMs?: number;
	timeoutMs?: number;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10}s`;
}

function describeRetries(summary: RetrySummary): string | undefined {
	const parts: string[] = [];
	if (summary.attempts && summary.attempts > 1) {
		parts.push(`Gave up after ${summary.attempts} attempts in ${seconds(summary.elapsedMs ?? 0)}.`);
	}
	switch (summary.giveUpReason) {
		case 'retry-after-beyond-budget':
			parts.push(
				`The service asked to wait ${seconds(summary.retryAfterMs ?? 0)} (Retry-After),` +
					' longer than the remaining time budget.',
			);
			break;
		case 'time-budget':
			parts.push(
				`Stopped retrying: the total time budget of ${seconds(summary.maxTotalMs ?? 0)} is used up.`,
			);
			break;
		case 'max-attempts':
			parts.push(`Reached the maximum of ${summary.maxAttempts ?? summary.attempts} attempts.`);
			break;
		case 'not-replayable':
			parts.push(
				'Not retried: the method is not idempotent (mark the request retrySafe if the service' +
					' guarantees idempotency) or the body is a stream that cannot be replayed.',
			);
			break;
		default:
			break;
	}
	return parts.length > 0 ? parts.join(' ') : undefined;
}

function failureCause(failure: HttpFailure, retryAfterMs?: number): Failure | undefined {
	const wait = retryAfterMs !== undefined ? { retryAfterMs } : {};
	if (failure.status === 429) return { cause: 'rate-limited', ...wait };
	if (failure.status === 502 || failure.status === 503 || failure.status === 504) {
		return { cause: 'temporarily-unavailable', ...wait };
	}
	if (failure.status === 401) return { cause: 'credential-invalid' };
	if (failure.networkCode !== undefined && RETRYABLE_NETWORK_CODES.includes(failure.networkCode)) {
		return { cause: 'temporarily-unavailable' };
	}
	return undefined;
}

function networkMessage(failure: HttpFailure, timeoutMs?: number): string {
	const code = failure.networkCode;
	const isTimeout =
		(code !== undefined && TIMEOUT_NETWORK_CODES.includes(code)) ||
		/timeout/i.test(failure.rawMessage ?? '');
	if (isTimeout && timeoutMs !== undefined) {
		return `The service did not respond within ${timeoutMs} ms${code ? ` (${code})` : ''}`;
	}
	const detail = failure.rawMessage ?? 'unknown network error';
	return `The request failed before the service answered${code ? ` (${code})` : ''}: ${detail}`;
}

/**
 * Builds the NodeApiError a node throws for a failed request.
 * It is built from a sanitised plain object, never from the thrown error itself, so request
 * headers, configs and credentials cannot ride along; message and description are redacted.
 */
export function toNodeApiError(
	node: INode,
	failure: HttpFailure,
	secrets: readonly string[] = [],
	summary: RetrySummary = {},
): NodeApiError {
	const providerMessage = extractProviderMessage(failure.body, failure.headers);
	let message: string;
	const descriptionParts: string[] = [];
	if (failure.status !== undefined) {
		message = `The service returned HTTP ${failure.status}${providerMessage ? `: ${providerMessage}` : ''}`;
		descriptionParts.push(statusHint(failure.status));
	} else {
		message = networkMessage(failure, summary.timeoutMs);
	}
	const retries = describeRetries(summary);
	if (retries) descriptionParts.push(retries);

	const sanitised = {
		message: redactSecrets(message, secrets),
		description: redactSecrets(descriptionParts.join(' '), secrets) || undefined,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
	};
	const apiError = new NodeApiError(node, sanitised as JsonObject, {
		...sanitised,
		failure: failureCause(failure, summary.retryAfterMs),
	});
	// NodeError swaps messages mentioning OS error codes for generic text; keep ours.
	apiError.message = sanitised.message;
	// The provider's error body, redacted, for nodes that turn per-field details into messages.
	if (failure.body !== undefined && failure.body !== '') {
		apiError.context.providerBody =
			typeof failure.body === 'string'
				? redactSecrets(failure.body, secrets)
				: redactObject(failure.body, secrets);
	}
	return apiError;
}
