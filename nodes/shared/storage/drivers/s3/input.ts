import { StorageError } from '../../errors';
import { parameterLabel } from '../../names';
import { isUrlLifetime } from '../../urlExpiry';

/** A bad value the user gave: the typed error names the parameter. */
export function invalidInput(parameter: string, problem: string): StorageError {
	return new StorageError(
		'InvalidName',
		`Invalid ${parameterLabel(parameter)}: ${problem}`,
		parameter,
	);
}

/** 7 days: the longest a SigV4 presigned URL may live. */
export const MAX_PRESIGN_SECONDS = 604_800;

export function assertExpiry(
	expiresIn: unknown,
	parameter = 'expiresIn',
): asserts expiresIn is number {
	if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn)) {
		throw invalidInput(parameter, `"${String(expiresIn)}" is not a whole number of seconds`);
	}
	if (!isUrlLifetime(expiresIn, MAX_PRESIGN_SECONDS)) {
		throw invalidInput(
			parameter,
			`${expiresIn} s is outside 1 second to 7 days (${MAX_PRESIGN_SECONDS} s)`,
		);
	}
}

/** Accepts an object, or JSON text of one; anything else is the user's mistake. */
function asObject(value: unknown, parameter: string, example: string): Record<string, unknown> {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw invalidInput(
				parameter,
				`it is not valid JSON (${(error as Error).message}); expected e.g. ${example}`,
			);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object')
		throw invalidInput(parameter, `expected a JSON object such as ${example}`);
	return parsed as Record<string, unknown>;
}

const HEADER_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const HEADER_VALUE = /^[\x20-\x7e\t]*$/;
const MAX_METADATA_BYTES = 2048;

/** User metadata given as JSON (or an object), checked by `checkMetadata`. */
export function parseMetadata(value: unknown, parameter = 'metadata'): Record<string, string> {
	const object = asObject(value, parameter, '{"project": "alpha"}');
	if (Array.isArray(object))
		throw invalidInput(
			parameter,
			'expected a JSON object such as {"project": "alpha"}, not an array',
		);
	return checkMetadata(object, parameter);
}

/**
 * S3's rules for user metadata (x-amz-meta-*): names are HTTP tokens, values printable ASCII,
 * 2 KB in all; names lower-cased, as S3 stores them. Every write of the S3 code checks its
 * metadata with this, whichever node it comes from, so a bad value gets this clear error and
 * never reaches the HTTP layer.
 */
export function checkMetadata(
	metadata: Record<string, unknown>,
	parameter = 'metadata',
): Record<string, string> {
	const checked: Record<string, string> = {};
	let bytes = 0;
	for (const [name, raw] of Object.entries(metadata)) {
		if (!HEADER_TOKEN.test(name)) {
			throw invalidInput(
				parameter,
				`the name "${name}" may hold only letters, digits and !#$%&'*+.^_\`|~-`,
			);
		}
		if (raw !== null && typeof raw === 'object')
			throw invalidInput(parameter, `the value of "${name}" must be text, not an object`);
		const text = raw === undefined || raw === null ? '' : String(raw);
		if (!HEADER_VALUE.test(text)) {
			throw invalidInput(
				parameter,
				`the value of "${name}" must be printable ASCII (S3 sends metadata as HTTP headers)`,
			);
		}
		bytes += Buffer.byteLength(name) + Buffer.byteLength(text);
		checked[name.toLowerCase()] = text;
	}
	if (bytes > MAX_METADATA_BYTES)
		throw invalidInput(parameter, `it is ${bytes} bytes; S3 allows ${MAX_METADATA_BYTES}`);
	return checked;
}

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Object tags: a JSON object {"key": "value"} or an array of {key, value} / {Key, Value};
 * at most 10, keys 1-128 and values 0-256 characters of letters, digits, spaces and + - = . _ : / @.
 */
export function parseTags(value: unknown, parameter = 'tags'): Record<string, string> {
	const object = asObject(value, parameter, '{"team": "data"}');
	const entries: Array<[string, unknown]> = Array.isArray(object)
		? object.map((entry, index) => {
				if (!entry || typeof entry !== 'object')
					throw invalidInput(
						parameter,
						`entry ${index + 1} is not an object with "key" and "value"`,
					);
				const e = entry as Record<string, unknown>;
				return [String(e.key ?? e.Key ?? ''), e.value ?? e.Value ?? ''];
			})
		: Object.entries(object);
	if (entries.length > 10)
		throw invalidInput(parameter, `S3 allows at most 10 tags per object, not ${entries.length}`);
	const tags: Record<string, string> = {};
	for (const [key, raw] of entries) {
		if (raw !== null && typeof raw === 'object')
			throw invalidInput(parameter, `the value of tag "${key}" must be text`);
		const text = raw === undefined || raw === null ? '' : String(raw);
		if (key.length < 1 || key.length > 128)
			throw invalidInput(parameter, `a tag key must be 1 to 128 characters ("${key}")`);
		if (text.length > 256)
			throw invalidInput(parameter, `the value of tag "${key}" is longer than 256 characters`);
		if (!TAG_CHARS.test(key) || !TAG_CHARS.test(text)) {
			throw invalidInput(
				parameter,
				`tag "${key}" may hold only letters, digits, spaces and + - = . _ : / @`,
			);
		}
		if (key.toLowerCase().startsWith('aws:'))
			throw invalidInput(parameter, `tag keys starting with "aws:" are reserved ("${key}")`);
		if (key in tags) throw invalidInput(parameter, `the tag key "${key}" appears twice`);
		tags[key] = text;
	}
	return tags;
}

/** The x-amz-tagging header form of a tag set. */
export function tagsToQuery(tags: Record<string, string>): string {
	return Object.entries(tags)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');
}
