/**
 * Google's naming rules (https://cloud.google.com/storage/docs/buckets#naming and
 * https://cloud.google.com/storage/docs/objects#naming), checked before any request so
 * that bad input gets an error naming the parameter and nothing is sent.
 */
import { InvalidNameError } from '../../errors';
import { parameterLabel } from '../../names';

/**
 * How the Google Cloud Storage node labels its parameters (the Cloud Storage node's own
 * parameters keep the shared labels of ../../names).
 */
const GCS_LABELS: Record<string, string> = {
	bucket: 'Bucket',
	bucketName: 'Bucket Name',
	objectName: 'Object Name',
	sourceBucket: 'Source Bucket',
	sourceObject: 'Source Object',
	destinationBucket: 'Destination Bucket',
	destinationObject: 'Destination Object Name',
	expiresIn: 'Expires In (Seconds)',
	expectedMd5: 'Expected MD5',
	chunkSize: 'Chunk Size (MiB)',
	resumableThreshold: 'Resumable Above (MiB)',
	compositeThreshold: 'Parallel Composite Above (MiB)',
	compositePartSize: 'Composite Part Size (MiB)',
	compositeConcurrency: 'Composite Parts at Once',
	updateFields: 'Update Fields',
	location: 'Location',
	method: 'Method',
};

/** The parameter's label as n8n shows it, in quotes. */
export function gcsLabel(parameter: string): string {
	return GCS_LABELS[parameter] ? `"${GCS_LABELS[parameter]}"` : parameterLabel(parameter);
}

const BUCKET_CHARS = /^[a-z0-9._-]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** "google" and the close misspellings Google refuses (digits for letters). */
const GOOGLE_LIKE = /g[o0][o0]g[l1]e/;

export function bucketNameProblem(name: string): string | undefined {
	if (name.length === 0) return 'it must not be empty';
	if (!BUCKET_CHARS.test(name)) {
		return 'use only lowercase letters, digits, dashes (-), underscores (_) and dots (.)';
	}
	if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
		return 'it must start and end with a letter or a digit';
	if (name.includes('.')) {
		if (name.length > 222)
			return `names with dots are at most 222 characters (this one has ${name.length})`;
		const long = name.split('.').find((part) => part.length > 63 || part.length === 0);
		if (long !== undefined) return 'each dot-separated part must be 1 to 63 characters';
	} else if (name.length < 3 || name.length > 63) {
		return `it must be 3 to 63 characters long (this one has ${name.length})`;
	}
	if (name.length < 3) return 'it must be at least 3 characters long';
	if (IPV4.test(name)) return 'it must not look like an IP address';
	if (name.startsWith('goog')) return 'it must not start with "goog"';
	if (GOOGLE_LIKE.test(name)) return 'it must not contain "google" or a close misspelling of it';
	return undefined;
}

export function assertBucketName(name: unknown, parameter = 'container'): asserts name is string {
	const text = typeof name === 'string' ? name : '';
	const problem = bucketNameProblem(text);
	if (problem) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${gcsLabel(parameter)}${text ? ` "${text}"` : ''}: ${problem}`,
		);
	}
}

export function objectNameProblem(name: string): string | undefined {
	if (name.length === 0) return 'it must not be empty';
	if (Buffer.byteLength(name, 'utf8') > 1024) return 'it is longer than 1024 bytes (UTF-8)';
	if (/[\r\n]/.test(name)) return 'it must not contain a carriage return or a line feed';
	if (name === '.' || name === '..') return 'it must not be "." or ".."';
	if (name.startsWith('.well-known/acme-challenge/'))
		return 'it must not start with ".well-known/acme-challenge/"';
	return undefined;
}

export function assertObjectName(name: unknown, parameter = 'key'): asserts name is string {
	const text = typeof name === 'string' ? name : '';
	const problem = objectNameProblem(text);
	if (problem) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${gcsLabel(parameter)}${text ? ` "${text}"` : ''}: ${problem}`,
		);
	}
}
