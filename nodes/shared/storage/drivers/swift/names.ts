import { InvalidNameError } from '../../errors';
import { parameterLabel } from '../../names';

/**
 * Swift's naming rules (https://docs.openstack.org/swift/latest/api/object_api_v1_overview.html):
 * a container name is 1–256 bytes of UTF-8 without "/"; an object name 1–1024 bytes. Names with
 * "." or ".." segments are refused too: HTTP clients resolve them as paths, so such an object
 * could not be reached. Metadata travels as X-*-Meta-* headers, within Swift's default limits.
 */

export const MAX_CONTAINER_NAME_BYTES = 256;
export const MAX_OBJECT_NAME_BYTES = 1024;

export function assertSwiftContainer(
	name: unknown,
	parameter = 'container',
): asserts name is string {
	const label = parameterLabel(parameter);
	if (typeof name !== 'string' || name.length === 0) {
		throw new InvalidNameError(parameter, `The ${label} must not be empty`);
	}
	if (name.includes('/')) {
		throw new InvalidNameError(parameter, `The ${label} "${name}" must not contain "/"`);
	}
	if (Buffer.byteLength(name) > MAX_CONTAINER_NAME_BYTES) {
		throw new InvalidNameError(
			parameter,
			`The ${label} is ${Buffer.byteLength(name)} bytes long; Swift allows at most ${MAX_CONTAINER_NAME_BYTES}`,
		);
	}
	if (name === '.' || name === '..' || name.includes('\0')) {
		throw new InvalidNameError(
			parameter,
			`The ${label} "${name.replace('\0', '\\0')}" is not a valid container name`,
		);
	}
}

export function assertSwiftObject(name: unknown, parameter = 'key'): asserts name is string {
	const label = parameterLabel(parameter);
	if (typeof name !== 'string' || name.length === 0) {
		throw new InvalidNameError(parameter, `The ${label} must not be empty`);
	}
	if (Buffer.byteLength(name) > MAX_OBJECT_NAME_BYTES) {
		throw new InvalidNameError(
			parameter,
			`The ${label} is ${Buffer.byteLength(name)} bytes long; Swift allows at most ${MAX_OBJECT_NAME_BYTES}`,
		);
	}
	if (name.includes('\0')) {
		throw new InvalidNameError(parameter, `The ${label} must not contain a NUL character`);
	}
	if (name.split('/').some((segment) => segment === '.' || segment === '..')) {
		throw new InvalidNameError(
			parameter,
			`The ${label} "${name}" must not contain "." or ".." segments (they would be read as a path)`,
		);
	}
}

/** Swift's default metadata limits (its /info: max_meta_*). */
export const META_LIMITS = { nameBytes: 128, valueBytes: 256, count: 90, totalBytes: 4096 };

/** An HTTP header name's characters (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Checks metadata before anything is sent: names are header tokens, values printable ASCII
 * (Swift stores headers as given; anything else would be mangled or refused mid-request).
 */
export function assertSwiftMetadata(
	metadata: Record<string, string>,
	parameter = 'metadata',
): Record<string, string> {
	const label = parameterLabel(parameter);
	const entries = Object.entries(metadata);
	if (entries.length > META_LIMITS.count) {
		throw new InvalidNameError(
			parameter,
			`${label} has ${entries.length} entries; Swift allows at most ${META_LIMITS.count}`,
		);
	}
	let total = 0;
	for (const [name, value] of entries) {
		if (!name) throw new InvalidNameError(parameter, `Every entry of ${label} needs a name`);
		if (!TOKEN.test(name)) {
			throw new InvalidNameError(
				parameter,
				`${label} name "${name}" may only hold letters, digits and - _ . (it becomes an HTTP header)`,
			);
		}
		if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value)) {
			throw new InvalidNameError(
				parameter,
				`${label} "${name}" must be printable ASCII text (Swift keeps metadata in HTTP headers)`,
			);
		}
		if (Buffer.byteLength(name) > META_LIMITS.nameBytes) {
			throw new InvalidNameError(
				parameter,
				`${label} name "${name.slice(0, 20)}…" is longer than ${META_LIMITS.nameBytes} bytes`,
			);
		}
		if (Buffer.byteLength(value) > META_LIMITS.valueBytes) {
			throw new InvalidNameError(
				parameter,
				`${label} "${name}" is longer than ${META_LIMITS.valueBytes} bytes`,
			);
		}
		total += Buffer.byteLength(name) + Buffer.byteLength(value);
	}
	if (total > META_LIMITS.totalBytes) {
		throw new InvalidNameError(
			parameter,
			`${label} adds up to ${total} bytes; Swift allows at most ${META_LIMITS.totalBytes}`,
		);
	}
	return metadata;
}

/** A path below the storage URL, every segment encoded: /container/a%20b/c. */
export function swiftPath(container: string, object?: string): string {
	const containerPart = `/${encodeURIComponent(container)}`;
	if (object === undefined) return containerPart;
	return `${containerPart}/${object.split('/').map(encodeURIComponent).join('/')}`;
}
