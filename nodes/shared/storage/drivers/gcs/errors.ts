/**
 * Turns what the Google Cloud Storage SDK throws into the pack's typed storage errors,
 * worded for GCS ("bucket", "object"), with the credential's secrets redacted.
 */
import {
	AuthError,
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	ContainerNotFoundError,
	HashMismatchError,
	InvalidNameError,
	ObjectNotFoundError,
	RateLimitedError,
	StorageError,
} from '../../errors';
import { networkErrorCode } from '../../../transport/retryPolicy';
import { redactFor, type GcsConfig } from './client';

/** What the failed call was about, so a 404 or a 409 can name the right thing. */
export interface GcsErrorContext {
	config?: GcsConfig;
	bucket?: string;
	/** The object, when the call was about one. */
	key?: string;
	/** The parameter the bucket came from (default "container"). */
	bucketParameter?: string;
	/** The parameter the object name came from (default "key"). */
	keyParameter?: string;
	/** What a 409 Conflict means for this call. */
	conflict?: 'exists' | 'notEmpty';
}

interface SdkError {
	code?: number | string;
	message?: string;
	errors?: Array<{ reason?: string; message?: string }>;
	response?: { status?: number };
}

function statusOf(error: SdkError): number | undefined {
	if (typeof error.code === 'number') return error.code;
	if (typeof error.code === 'string' && /^\d{3}$/.test(error.code)) return Number(error.code);
	return typeof error.response?.status === 'number' ? error.response.status : undefined;
}

/** The first line of the service's message: the SDK appends long multi-error details. */
function serviceMessage(error: SdkError): string {
	const inner = error.errors?.find((entry) => entry?.message)?.message;
	const text = String(error.message || inner || 'unknown error');
	return text.split('\n')[0].trim();
}

function reword<T extends StorageError>(error: T, message: string): T {
	error.message = message;
	return error;
}

export function bucketNotFound(bucket: string, parameter = 'container'): StorageError {
	const error = reword(new ContainerNotFoundError(bucket), `Bucket "${bucket}" does not exist`);
	return parameter === 'container' ? error : new StorageError(error.code, error.message, parameter);
}

export function objectNotFound(bucket: string, key: string, parameter = 'key'): StorageError {
	const error = reword(
		new ObjectNotFoundError(bucket, key),
		`Object "${key}" does not exist in bucket "${bucket}"`,
	);
	return parameter === 'key' ? error : new StorageError(error.code, error.message, parameter);
}

export function toGcsError(error: unknown, context: GcsErrorContext = {}): Error {
	if (error instanceof StorageError) return error;
	const sdk = (error ?? {}) as SdkError;
	const status = statusOf(sdk);
	const message = redactFor(context.config, serviceMessage(sdk));
	const bucket = context.bucket ?? '';
	const bucketParameter = context.bucketParameter ?? 'container';

	if (sdk.code === 'FILE_NO_UPLOAD' || sdk.code === 'FILE_NO_UPLOAD_DELETE') {
		return reword(
			new HashMismatchError(
				context.key ?? '',
				'the sent data',
				'other data on the server',
				context.keyParameter ?? 'key',
			),
			`Object "${context.key}": ${message}`,
		);
	}
	if (status === 404) {
		const aboutBucket = /bucket/i.test(message) && !/no such object/i.test(message);
		if (context.key !== undefined && !aboutBucket)
			return objectNotFound(bucket, context.key, context.keyParameter);
		return bucketNotFound(bucket, bucketParameter);
	}
	if (status === 409) {
		if (context.conflict === 'notEmpty' || /not empty/i.test(message)) {
			return reword(
				new ContainerNotEmptyError(bucket),
				`Bucket "${bucket}" is not empty; turn on "Force" to delete it with its objects`,
			);
		}
		if (context.conflict === 'exists') {
			const exists = reword(
				new ContainerAlreadyExistsError(bucket),
				`Bucket "${bucket}" already exists (${message})`,
			);
			return bucketParameter === 'container'
				? exists
				: new StorageError(exists.code, exists.message, bucketParameter);
		}
	}
	if (
		status === 400 &&
		context.key !== undefined &&
		/(MD5|CRC32C).*(doesn't|does not) match/i.test(message)
	) {
		// Google refused the upload: the declared hash (Expected MD5) is not that of the bytes
		return reword(
			new HashMismatchError(context.key, 'the expected hash', 'the sent data'),
			`Object "${context.key}" was not stored: ${message}`,
		);
	}
	if (status === 412 && context.key !== undefined) {
		return new Error(
			`Object "${context.key}" was changed by someone else during the upload, so it was not replaced (412: ${message})`,
		);
	}
	if (status === 400 && /bucket name/i.test(message)) {
		return new InvalidNameError(bucketParameter, `Invalid bucket name "${bucket}": ${message}`);
	}
	if (status === 401 || status === 403) {
		return new AuthError(`Google Cloud Storage refused the request (${status}): ${message}`);
	}
	if (status === 429)
		return new RateLimitedError(`Google Cloud Storage is rate limiting requests (429): ${message}`);
	const network = networkErrorCode(error);
	if (status === undefined && network && /^E[A-Z_]+$/.test(network)) {
		const where = context.config?.apiEndpoint ?? 'https://storage.googleapis.com';
		return new Error(`Cannot reach Google Cloud Storage at ${where} (${network}): ${message}`);
	}
	return new Error(
		status
			? `Google Cloud Storage answered ${status}: ${message}`
			: `Google Cloud Storage: ${message}`,
	);
}
