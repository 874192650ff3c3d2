/**
 * Typed storage errors. Drivers throw these; the nodes turn them into n8n errors.
 * Callers can match on the class or on `code`.
 */
export type StorageErrorCode =
	| 'ContainerAlreadyExists'
	| 'ContainerNotFound'
	| 'ContainerNotEmpty'
	| 'ObjectNotFound'
	| 'HashMismatch'
	| 'ObjectChanged'
	| 'InvalidName'
	| 'Auth'
	| 'RateLimited'
	| 'NotSupported';

export class StorageError extends Error {
	/** What the user can do about it, shown under the message (instead of "Check the parameter …"). */
	hint?: string;

	constructor(
		readonly code: StorageErrorCode,
		message: string,
		/** The n8n parameter the error is about, when it comes from user input. */
		readonly parameter?: string,
	) {
		super(message);
		this.name = 'StorageError';
	}
}

export class ContainerAlreadyExistsError extends StorageError {
	constructor(container: string) {
		super('ContainerAlreadyExists', `Container "${container}" already exists`, 'container');
	}
}

export class ContainerNotFoundError extends StorageError {
	constructor(container: string, parameter = 'container') {
		super('ContainerNotFound', `Container "${container}" does not exist`, parameter);
	}
}

export class ContainerNotEmptyError extends StorageError {
	constructor(container: string) {
		super(
			'ContainerNotEmpty',
			`Container "${container}" is not empty; turn on "Force" to delete it with its objects`,
			'container',
		);
	}
}

export class ObjectNotFoundError extends StorageError {
	constructor(container: string, key: string, parameter = 'key') {
		super(
			'ObjectNotFound',
			`Object "${key}" does not exist in container "${container}"`,
			parameter,
		);
	}
}

/** The bytes are not those the user declared ("Expected MD5", unless `parameter` says otherwise). */
export class HashMismatchError extends StorageError {
	constructor(key: string, expected: string, actual: string, parameter = 'expectedMd5') {
		super('HashMismatch', `Object "${key}": expected MD5 ${expected}, got ${actual}`, parameter);
	}
}

export class InvalidNameError extends StorageError {
	constructor(parameter: string, reason: string) {
		super('InvalidName', reason, parameter);
	}
}

export class AuthError extends StorageError {
	constructor(message: string) {
		super('Auth', message);
	}
}

/**
 * n8n's file-access rules forbid the path (N8N_RESTRICT_FILE_ACCESS_TO, n8n's own files,
 * N8N_BLOCK_FILE_PATTERNS). The message names what the user gave, never a path of the server.
 */
export class FileAccessDeniedError extends StorageError {
	constructor(message: string, parameter?: string) {
		super('Auth', message, parameter);
		this.hint =
			"n8n's file-access rules forbid it: the folders of N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files), never n8n's own files (~/.n8n, its binary data), nothing matching N8N_BLOCK_FILE_PATTERNS (default: .git folders)";
	}
}

export class RateLimitedError extends StorageError {
	constructor(message: string) {
		super('RateLimited', message);
	}
}

export class NotSupportedError extends StorageError {
	constructor(backend: string, feature: string) {
		super('NotSupported', `The ${backend} backend does not support ${feature}`);
	}
}
