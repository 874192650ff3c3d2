import { InvalidNameError } from './errors';

/** Checks shared by every backend; providers add their own stricter rules in their drivers. */
export function assertObjectKey(key: unknown, parameter = 'key'): asserts key is string {
	if (typeof key !== 'string' || key.length === 0) {
		throw new InvalidNameError(parameter, `The ${parameterLabel(parameter)} must not be empty`);
	}
	if (Buffer.byteLength(key) > 1024) {
		throw new InvalidNameError(
			parameter,
			`The ${parameterLabel(parameter)} is longer than 1024 bytes`,
		);
	}
	if (key.includes('\0')) {
		throw new InvalidNameError(
			parameter,
			`The ${parameterLabel(parameter)} must not contain a NUL character`,
		);
	}
	if (key.split('/').some((segment) => segment === '..')) {
		throw new InvalidNameError(
			parameter,
			`The ${parameterLabel(parameter)} must not contain ".." segments: "${key}"`,
		);
	}
}

export function assertContainerName(
	name: unknown,
	parameter = 'container',
): asserts name is string {
	if (typeof name !== 'string' || name.trim().length === 0) {
		throw new InvalidNameError(parameter, `The ${parameterLabel(parameter)} must not be empty`);
	}
}

const LABELS: Record<string, string> = {
	key: 'Key',
	container: 'Container',
	sourceKey: 'Source Key',
	sourceContainer: 'Source Container',
	targetKey: 'Target Key',
	targetContainer: 'Target Container',
	keys: 'Keys',
	prefix: 'Prefix',
	containerName: 'Container Name',
	backend: 'Backend',
	limit: 'Limit',
	rangeStart: 'Range Start',
	rangeEnd: 'Range End',
	expiresIn: 'Expires In (Seconds)',
	expectedMd5: 'Expected MD5',
	metadata: 'Metadata',
	tags: 'Tags',
	binaryPropertyName: 'Input Binary Field',
	outputBinaryPropertyName: 'Put Output File in Field',
};

/**
 * The name n8n shows for a parameter, so errors name what the user sees. `displayName`
 * overrides it where one parameter name has different labels (e.g. `binaryPropertyName`
 * is "Input Binary Field" on uploads, "Put Output File in Field" on downloads).
 */
export function parameterLabel(parameter: string, displayName?: string): string {
	return `"${parameterName(parameter, displayName)}"`;
}

/** `parameterLabel` without the quotes. */
export function parameterName(parameter: string, displayName?: string): string {
	return displayName ?? LABELS[parameter] ?? parameter;
}
