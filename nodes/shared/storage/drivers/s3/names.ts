import { InvalidNameError } from '../../errors';
import { assertObjectKey, parameterLabel } from '../../names';

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why `name` breaks S3's naming rules for new buckets, or undefined when it follows them. */
export function bucketNameProblem(name: string): string | undefined {
	if (name.length < 3 || name.length > 63)
		return `it must be 3 to 63 characters long (it has ${name.length})`;
	if (/[A-Z]/.test(name)) return 'it must be lower case';
	if (!/^[a-z0-9.-]+$/.test(name))
		return 'it may hold only lower-case letters, digits, "." and "-"';
	if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
		return 'it must begin and end with a letter or a digit';
	if (name.includes('..')) return 'it must not contain two adjacent periods';
	if (name.includes('.-') || name.includes('-.')) return 'a period must not be next to a hyphen';
	if (IPV4.test(name)) return 'it must not look like an IP address';
	const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
	if (prefix) return `it must not begin with "${prefix}"`;
	const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
	if (suffix) return `it must not end with "${suffix}"`;
	return undefined;
}

/** The rules S3 applies when a bucket is created. */
export function assertNewBucketName(
	name: unknown,
	parameter = 'container',
): asserts name is string {
	if (typeof name !== 'string' || name.trim() === '') {
		throw new InvalidNameError(parameter, `The ${parameterLabel(parameter)} must not be empty`);
	}
	const problem = bucketNameProblem(name);
	if (problem) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${parameterLabel(parameter)} "${name}": ${problem} (S3 bucket naming rules)`,
		);
	}
}

/**
 * The looser check for buckets that already exist: older AWS buckets (us-east-1) and
 * S3-compatible stores accept upper case and "_", up to 255 characters.
 */
export function assertBucketName(name: unknown, parameter = 'container'): asserts name is string {
	if (typeof name !== 'string' || name.trim() === '') {
		throw new InvalidNameError(parameter, `The ${parameterLabel(parameter)} must not be empty`);
	}
	if (name.length < 3 || name.length > 255 || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${parameterLabel(parameter)} "${name}": a bucket name has 3 to 255 letters, digits, ".", "_" or "-", starting with a letter or digit`,
		);
	}
}

/** Object keys: the pack's shared rules (non-empty, at most 1024 bytes, no NUL, no ".." segment). */
export function assertS3Key(key: unknown, parameter = 'key'): asserts key is string {
	assertObjectKey(key, parameter);
}
