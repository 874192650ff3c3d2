/**
 * Keeps credentials out of error messages, descriptions and logged objects.
 * Two layers: the exact secret values we know about, then generic patterns for
 * credentials we were not told about (auth headers, signed-URL parameters, token fields).
 */

export const REDACTED = '***';

/** Shorter values are too likely to be ordinary words or numbers to be replaced blindly. */
export const MIN_SECRET_LENGTH = 4;

/** Header / field names whose whole value is a credential. */
const SENSITIVE_NAME =
	/^(authorization|proxy-authorization|cookie|set-cookie|x-auth-token|x-subject-token|x-storage-token|x-api-key|api[-_]?key|x-amz-security-token|x-goog-api-key|x-ms-copy-source-authorization|.*token|.*secret|.*password|.*signature|sig|.*_sig|private_key)$/i;

export function isSensitiveName(name: string): boolean {
	return SENSITIVE_NAME.test(name);
}

const GENERIC_PATTERNS: Array<[RegExp, string]> = [
	// Authorization: <anything up to end of line / quote / comma>, in raw or JSON form.
	[/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1${REDACTED}`],
	// Auth-token style headers.
	[
		/((?:x-auth-token|x-subject-token|x-storage-token|x-api-key|x-amz-security-token|x-goog-api-key)["']?\s*[:=]\s*["']?)[^"'\s,;}&]+/gi,
		`$1${REDACTED}`,
	],
	// Credentials after a token scheme, wherever they appear.
	[/\b(Bearer|SharedKey|SharedAccessSignature)\s+[^\s"',}]+/g, `$1 ${REDACTED}`],
	// Query-string / form parameters: sig, X-Amz-Signature, access_token, token, api_key...
	[
		/((?:^|[?&;\s"'])(?:[\w.-]*token|[\w.-]*sig|[\w.-]*signature|x-amz-credential|x-goog-credential|api[_-]?key|apikey|client_secret|password)=)[^&\s"'#<]+/gim,
		`$1${REDACTED}`,
	],
	// JSON fields carrying a credential.
	[
		/("(?:[\w-]*token|[\w-]*secret|password|authorization|api[_-]?key|[\w-]*signature|sig|private_key)"\s*:\s*")(?:[^"\\]|\\.)*"/gi,
		`$1${REDACTED}"`,
	],
];

const BASIC_CREDENTIALS = /\b(Basic|Digest)\s+([A-Za-z0-9+/=._-]{6,})/g;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret can take once echoed back in a URL, a header or a JSON body. */
function secretVariants(secrets: readonly string[]): string[] {
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		variants.add(secret);
		variants.add(encodeURIComponent(secret));
		variants.add(JSON.stringify(secret).slice(1, -1));
	}
	// Longest first, so a secret containing another one is replaced whole.
	return [...variants].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	if (typeof text !== 'string' || text === '') return text;
	let redacted = text;
	for (const variant of secretVariants(secrets)) {
		redacted = redacted.replace(new RegExp(escapeRegExp(variant), 'g'), REDACTED);
	}
	for (const [pattern, replacement] of GENERIC_PATTERNS) {
		redacted = redacted.replace(pattern, replacement);
	}
	// "Basic <base64>": only when the word after it looks encoded, so prose like
	// "Basic authentication is required" stays readable.
	return redacted.replace(BASIC_CREDENTIALS, (match: string, scheme: string, value: string) =>
		/[0-9+/=]/.test(value) ? `${scheme} ${REDACTED}` : match,
	);
}

/**
 * Deep copy of a plain value (headers, bodies, option objects) with every string redacted and
 * every sensitive-named field replaced whole. Functions are dropped, Buffers summarised,
 * cycles cut.
 */
export function redactObject<T>(value: T, secrets: readonly string[] = []): T {
	return redactValue(value, secrets, new WeakMap()) as T;
}

function redactValue(
	value: unknown,
	secrets: readonly string[],
	seen: WeakMap<object, unknown>,
): unknown {
	if (typeof value === 'string') return redactSecrets(value, secrets);
	if (typeof value === 'function') return undefined;
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return seen.get(value);
	if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
	if (value instanceof Date) return new Date(value.getTime());
	if (value instanceof Error) {
		return { name: value.name, message: redactSecrets(value.message, secrets) };
	}
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		seen.set(value, copy);
		for (const item of value) copy.push(redactValue(item, secrets, seen));
		return copy;
	}
	const copy: Record<string, unknown> = {};
	seen.set(value, copy);
	for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
		if (typeof field === 'function') continue;
		copy[key] =
			isSensitiveName(key) && field !== undefined && field !== null && field !== ''
				? REDACTED
				: redactValue(field, secrets, seen);
	}
	return copy;
}

/** Credential-ish values found in a request: sensitive headers, query parameters and basic auth. */
export function secretsFromRequest(request: {
	url?: string;
	headers?: object;
	qs?: object;
	auth?: { password?: string };
}): string[] {
	const secrets: string[] = [];
	const addValue = (value: unknown) => {
		if (typeof value !== 'string' && typeof value !== 'number') return;
		const text = String(value);
		secrets.push(text);
		// "Bearer abc" / "SharedKey account:sig": the credential alone may be echoed too.
		const credential = /^\S+\s+(\S+)$/.exec(text)?.[1];
		if (credential) secrets.push(credential);
	};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (isSensitiveName(name)) addValue(value);
	}
	for (const [name, value] of Object.entries(request.qs ?? {})) {
		if (isSensitiveName(name) || isSensitiveQueryName(name)) addValue(value);
	}
	for (const [name, value] of queryParameters(request.url)) {
		if (isSensitiveName(name) || isSensitiveQueryName(name)) addValue(value);
	}
	addValue(request.auth?.password);
	return secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

const SENSITIVE_QUERY_NAME = /^(x-amz-credential|x-goog-credential|key|code)$/i;

function isSensitiveQueryName(name: string): boolean {
	return SENSITIVE_QUERY_NAME.test(name);
}

function queryParameters(url: string | undefined): Array<[string, string]> {
	if (!url || !url.includes('?')) return [];
	try {
		return [...new URL(url, 'http://placeholder.invalid').searchParams.entries()];
	} catch {
		return [];
	}
}

/**
 * Secret values of a decrypted credential: every string under a sensitive-named field,
 * including fields of JSON documents stored as strings (service-account keys).
 */
export function secretsFromCredential(data: unknown, depth = 0): string[] {
	if (!data || typeof data !== 'object' || depth > 4) return [];
	const secrets: string[] = [];
	for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
		if (typeof value === 'string') {
			if (isSensitiveName(name) || /key|secret|token|password|sas/i.test(name)) secrets.push(value);
			const nested = parseJsonObject(value);
			if (nested) secrets.push(...secretsFromCredential(nested, depth + 1));
		} else if (value && typeof value === 'object') {
			secrets.push(...secretsFromCredential(value, depth + 1));
		}
	}
	return secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

function parseJsonObject(text: string): object | undefined {
	if (!text.trimStart().startsWith('{')) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' ? parsed : undefined;
	} catch {
		return undefined;
	}
}
