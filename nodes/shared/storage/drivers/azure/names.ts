import { InvalidNameError } from '../../errors';
import { parameterLabel } from '../../names';

/**
 * Azure's naming rules (learn.microsoft.com: "Naming and referencing containers, blobs and
 * metadata"), checked before any request so bad input is refused with the parameter's name
 * and nothing is written. Each check returns the problem, or undefined when the value is fine;
 * the `assert…` wrappers turn a problem into an InvalidNameError.
 */

/** Containers Azure creates itself; their names break the usual rules. */
const SPECIAL_CONTAINERS = ['$root', '$web', '$logs'];

export function containerNameProblem(name: string): string | undefined {
	if (name.length === 0) return 'it must not be empty';
	if (SPECIAL_CONTAINERS.includes(name)) return undefined;
	if (name.length < 3 || name.length > 63)
		return `it must be 3 to 63 characters long (it has ${name.length})`;
	if (!/^[a-z0-9-]+$/.test(name)) return 'use only lowercase letters, digits and hyphens';
	if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
		return 'it must start and end with a letter or a digit';
	if (name.includes('--')) return 'it must not contain two hyphens in a row';
	return undefined;
}

export function blobNameProblem(name: string): string | undefined {
	if (name.length === 0) return 'it must not be empty';
	if (name.length > 1024) return `it must be at most 1024 characters long (it has ${name.length})`;
	if (name.includes('\0')) return 'it must not contain a NUL character';
	const segments = name.split('/');
	if (segments.length > 254)
		return `it must have at most 254 "/"-separated segments (it has ${segments.length})`;
	// A segment "." or ".." is folded away by URL normalisation (the request would address
	// another blob), and Azure advises against any segment ending with a dot.
	if (segments.some((segment) => segment.endsWith('.')))
		return 'no "/"-separated part of it may end with "."';
	if (name.endsWith('\\')) return 'it must not end with "\\"';
	return undefined;
}

/** `label` is the parameter as n8n shows it, quotes included (see parameterLabel). */
export function assertContainerName(
	name: unknown,
	parameter = 'container',
	label = parameterLabel(parameter),
): asserts name is string {
	const text = typeof name === 'string' ? name : '';
	const problem = containerNameProblem(text);
	if (problem)
		throw new InvalidNameError(
			parameter,
			`Invalid ${label}${text ? ` "${text}"` : ''}: ${problem}`,
		);
}

export function assertBlobName(
	name: unknown,
	parameter = 'key',
	label = parameterLabel(parameter),
): asserts name is string {
	const text = typeof name === 'string' ? name : '';
	const problem = blobNameProblem(text);
	if (problem)
		throw new InvalidNameError(
			parameter,
			`Invalid ${label}${text ? ` "${text}"` : ''}: ${problem}`,
		);
}

/**
 * Metadata with lowercase names: Azure compares names without case, returns them lowercase
 * from header-based calls (properties, download) and as stored from listings; outputs agree.
 */
export function lowerKeys(metadata: Record<string, string> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(metadata ?? {})) result[name.toLowerCase()] = value;
	return result;
}

const METADATA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Azure's limit for all metadata names and values of one resource together. */
const METADATA_MAX_BYTES = 8 * 1024;

/**
 * Metadata travels as x-ms-meta-<name> headers: names must be C# identifiers (unique without
 * regard to case), values printable ASCII. Returns the metadata with the names as
 * given (Azure keeps their case but compares names without it).
 */
export function checkMetadata(
	entries: Array<{ name: string; value: string }>,
	parameter = 'metadata',
	label = parameterLabel(parameter),
): Record<string, string> {
	const metadata: Record<string, string> = {};
	const seen = new Set<string>();
	let bytes = 0;
	for (const { name, value } of entries) {
		const key = String(name ?? '').trim();
		const text = String(value ?? '');
		if (!METADATA_NAME.test(key)) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${label}: the name "${key}" must start with a letter or "_" and hold only letters, digits and "_"`,
			);
		}
		if (seen.has(key.toLowerCase())) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${label}: the name "${key}" is given twice (names ignore case)`,
			);
		}
		if (!/^[\x20-\x7e]*$/.test(text)) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${label}: the value of "${key}" must be printable ASCII characters`,
			);
		}
		if (text !== text.trim()) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${label}: the value of "${key}" must not start or end with spaces`,
			);
		}
		bytes += key.length + text.length;
		seen.add(key.toLowerCase());
		metadata[key] = text;
	}
	if (bytes > METADATA_MAX_BYTES) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${label}: names and values together exceed 8 KiB (${bytes} bytes)`,
		);
	}
	return metadata;
}

const TAG_TEXT = /^[A-Za-z0-9 +\-./:=_]*$/;

/** Blob index tags: at most 10; keys 1-128 and values 0-256 characters of a small alphabet. */
export function checkTags(
	entries: Array<{ name: string; value: string }>,
	parameter = 'tags',
	label = parameterLabel(parameter),
): Record<string, string> {
	const tags: Record<string, string> = {};
	if (entries.length > 10)
		throw new InvalidNameError(
			parameter,
			`Invalid ${label}: a blob has at most 10 tags (got ${entries.length})`,
		);
	for (const { name, value } of entries) {
		const key = String(name ?? '');
		const text = String(value ?? '');
		if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${label}: the tag name "${key}" must be 1-128 letters, digits, spaces or + - . / : = _`,
			);
		}
		if (text.length > 256 || !TAG_TEXT.test(text)) {
			throw new InvalidNameError(
				parameter,
				`Invalid ${label}: the value of tag "${key}" must be at most 256 letters, digits, spaces or + - . / : = _`,
			);
		}
		if (key in tags)
			throw new InvalidNameError(parameter, `Invalid ${label}: the tag "${key}" is given twice`);
		tags[key] = text;
	}
	return tags;
}

/** Access tiers of block blobs in general-purpose v2 and Blob Storage accounts. */
export const ACCESS_TIERS = ['Hot', 'Cool', 'Cold', 'Archive'] as const;
export type AccessTier = (typeof ACCESS_TIERS)[number];

export function assertAccessTier(
	tier: unknown,
	parameter = 'tier',
	label = parameterLabel(parameter),
): asserts tier is AccessTier {
	if (!ACCESS_TIERS.includes(tier as AccessTier)) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${label} "${String(tier)}": use one of ${ACCESS_TIERS.join(', ')}`,
		);
	}
}
