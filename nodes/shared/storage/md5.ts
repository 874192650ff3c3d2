import { HashMismatchError, InvalidNameError } from './errors';
import { parameterLabel } from './names';

const HEX_MD5 = /^[0-9a-f]{32}$/i;

/** Whether `value` is a hex MD5 (32 hexadecimal characters), e.g. an ETag that is one. */
export function isHexMd5(value: string | undefined): value is string {
	return value !== undefined && HEX_MD5.test(value);
}

/**
 * The "Expected MD5" of an upload, the one rule of every node and driver: trimmed and
 * lower-cased, undefined when empty; anything but 32 hexadecimal characters is refused,
 * naming the parameter, before a byte is read.
 */
export function readExpectedMd5(
	value: unknown,
	parameter = 'expectedMd5',
	displayName?: string,
): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') return undefined;
	if (!isHexMd5(text)) {
		throw new InvalidNameError(
			parameter,
			`Invalid ${parameterLabel(parameter, displayName)}: it must be 32 hexadecimal characters`,
		);
	}
	return text.toLowerCase();
}

/** Refuses bytes whose MD5 (`actual`) is not the one declared (`expected`, from `expectedMd5`). */
export function assertMd5(key: string, expected: string | undefined, actual: string | undefined) {
	if (expected !== undefined && actual !== expected) {
		throw new HashMismatchError(key, expected, actual ?? '');
	}
}
