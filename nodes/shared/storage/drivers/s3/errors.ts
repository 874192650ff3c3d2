import {
	AuthError,
	ContainerAlreadyExistsError,
	ContainerNotEmptyError,
	ContainerNotFoundError,
	InvalidNameError,
	ObjectNotFoundError,
	RateLimitedError,
	StorageError,
} from '../../errors';
import { redactSecrets } from '../../../transport/redact';

/** What an S3 call was about, for the error message. */
export interface S3ErrorContext {
	operation: string;
	bucket?: string;
	key?: string;
	/** Endpoint shown in network errors ("the S3 endpoint" when AWS's own). */
	endpoint?: string;
	secrets?: readonly string[];
}

/** A failure S3 reported that has no typed storage error: code and HTTP status kept for callers. */
export class S3RequestError extends Error {
	constructor(
		message: string,
		readonly code: string,
		readonly status?: number,
	) {
		super(message);
		this.name = 'S3RequestError';
	}
}

const AUTH_CODES: Record<string, string> = {
	SignatureDoesNotMatch: 'the signature does not match: check the secret access key',
	InvalidAccessKeyId: 'the access key ID is unknown to the server',
	InvalidToken: 'the session token is invalid',
	ExpiredToken: 'the session token has expired',
	TokenRefreshRequired: 'the session token must be refreshed',
	InvalidSecurity: 'the security credentials are invalid',
	AuthorizationHeaderMalformed: 'the authorization header is malformed (check the region)',
	RequestTimeTooSkewed: "the n8n host's clock differs too much from the server's",
};

const TLS_CODES = [
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
];

/** The SDK may rewrap a socket error into a bare message (an error from another realm); its words remain. */
function tlsCodeFromMessage(message: string | undefined): string | undefined {
	if (!message) return undefined;
	if (/self[- ]signed certificate in certificate chain/i.test(message))
		return 'SELF_SIGNED_CERT_IN_CHAIN';
	if (/self[- ]signed certificate/i.test(message)) return 'DEPTH_ZERO_SELF_SIGNED_CERT';
	if (/unable to verify the first certificate/i.test(message))
		return 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
	if (/unable to get local issuer certificate/i.test(message))
		return 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
	if (/certificate has expired/i.test(message)) return 'CERT_HAS_EXPIRED';
	if (/Hostname\/IP does not match certificate/i.test(message))
		return 'ERR_TLS_CERT_ALTNAME_INVALID';
	const code =
		/\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH)\b/.exec(
			message,
		)?.[1];
	return code;
}

interface SdkErrorShape {
	name?: string;
	code?: string;
	message?: string;
	Code?: string;
	$metadata?: { httpStatusCode?: number };
	$response?: { statusCode?: number; reason?: string };
	cause?: unknown;
}

function networkCode(error: SdkErrorShape): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const code = (current as SdkErrorShape).code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
		current = (current as SdkErrorShape).cause;
	}
	return undefined;
}

/** Turns whatever the SDK threw into a typed storage error or a clear message without secrets. */
export function mapS3Error(error: unknown, context: S3ErrorContext): Error {
	if (error instanceof StorageError || error instanceof S3RequestError) return error;
	const e = (error ?? {}) as SdkErrorShape;
	const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
	const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? 'Unknown';
	const redact = (text: string) => redactSecrets(text, context.secrets ?? []);
	const where =
		context.key !== undefined
			? `"${context.key}" in bucket "${context.bucket}"`
			: context.bucket
				? `bucket "${context.bucket}"`
				: 'the server';
	const serverMessage =
		typeof e.message === 'string' && e.message && e.message !== 'UnknownError'
			? e.message
			: undefined;

	if (
		e.name === 'CredentialsProviderError' ||
		/could not load credentials/i.test(e.message ?? '')
	) {
		return new AuthError(
			redact(
				`No AWS credentials found on the n8n host (default credential chain: environment, shared files, instance or container role): ${e.message ?? ''}`.trim(),
			),
		);
	}
	if (status === undefined) {
		const net = networkCode(e) ?? tlsCodeFromMessage(e.message);
		const endpoint = context.endpoint ?? 'the S3 endpoint';
		if (net && TLS_CODES.includes(net)) {
			return new S3RequestError(
				redact(
					`The TLS certificate of ${endpoint} is not trusted (${net}). Fix the certificate, or turn on "Ignore SSL Issues" in the S3 credential if you trust this server.`,
				),
				net,
			);
		}
		if (net) {
			return new S3RequestError(
				redact(
					`Could not reach ${endpoint} (${net}) during ${context.operation}: ${e.message ?? ''}`.trim(),
				),
				net,
			);
		}
		return new S3RequestError(
			redact(`S3 ${context.operation} failed: ${e.message ?? String(error)}`),
			code,
		);
	}

	if (AUTH_CODES[code] || status === 401) {
		return new AuthError(
			redact(
				`S3 refused the credential (${code}): ${AUTH_CODES[code] ?? serverMessage ?? 'unauthorized'}`,
			),
		);
	}
	switch (code) {
		case 'NoSuchBucket':
			if (context.bucket) return new ContainerNotFoundError(context.bucket);
			break;
		case 'NoSuchKey':
			if (context.bucket && context.key !== undefined)
				return new ObjectNotFoundError(context.bucket, context.key);
			break;
		case 'NotFound':
			if (context.bucket && context.key !== undefined)
				return new ObjectNotFoundError(context.bucket, context.key);
			if (context.bucket) return new ContainerNotFoundError(context.bucket);
			break;
		case 'BucketAlreadyOwnedByYou':
		case 'BucketAlreadyExists':
			if (context.bucket) return new ContainerAlreadyExistsError(context.bucket);
			break;
		case 'BucketNotEmpty':
			if (context.bucket) return new ContainerNotEmptyError(context.bucket);
			break;
		case 'InvalidBucketName':
			return new InvalidNameError(
				'container',
				redact(`The server refused the bucket name "${context.bucket}": ${serverMessage ?? code}`),
			);
		case 'InvalidRange':
			return new InvalidNameError(
				'rangeStart',
				redact(`The byte range is outside ${where}: ${serverMessage ?? code}`),
			);
		case 'SlowDown':
		case 'TooManyRequests':
		case 'Throttling':
			return new RateLimitedError(
				redact(
					`S3 is rate-limiting requests (${code}) during ${context.operation}; try again later`,
				),
			);
		case 'NotImplemented':
			return new StorageError(
				'NotSupported',
				redact(`This S3 server does not support ${context.operation}: ${serverMessage ?? code}`),
			);
		default:
			break;
	}
	if (status === 404 && context.bucket && context.key !== undefined)
		return new ObjectNotFoundError(context.bucket, context.key);
	if (status === 404 && context.bucket) return new ContainerNotFoundError(context.bucket);
	if (status === 403) {
		return new AuthError(
			redact(
				`S3 denied access to ${where} during ${context.operation} (${code}): ${serverMessage ?? 'check the permissions of the credential'}`,
			),
		);
	}
	if (status === 429)
		return new RateLimitedError(
			redact(`S3 is rate-limiting requests during ${context.operation}; try again later`),
		);
	return new S3RequestError(
		redact(
			`S3 ${context.operation} of ${where} failed with HTTP ${status} ${code}${serverMessage && serverMessage !== code ? `: ${serverMessage}` : ''}`,
		),
		code,
		status,
	);
}
