import {
	AuthError,
	ContainerAlreadyExistsError,
	ContainerNotFoundError,
	InvalidNameError,
	ObjectNotFoundError,
	RateLimitedError,
	StorageError,
} from '../../errors';
import { errorChain, networkErrorCode } from '../../../transport/retryPolicy';
import { redactSecrets } from '../../../transport/redact';

/** An Azure answer that no typed StorageError describes; its message is already redacted. */
export class AzureServiceError extends Error {
	constructor(
		message: string,
		readonly status?: number,
		readonly code?: string,
	) {
		super(message);
		this.name = 'AzureServiceError';
	}
}

/** What a failing call was about, so that the error names the user's input. */
export interface AzureErrorContext {
	/** Blob endpoint without any query (never a SAS token). */
	endpoint?: string;
	authentication?: string;
	/** Credential secrets to keep out of every message. */
	secrets?: readonly string[];
	container?: string;
	blob?: string;
	/** Parameter names for the container and blob of the call (defaults: container, key). */
	containerParameter?: string;
	blobParameter?: string;
	/** For copies: the source, whose absence Azure reports differently. */
	source?: {
		container?: string;
		blob?: string;
		url?: string;
		containerParameter?: string;
		blobParameter?: string;
	};
}

interface RestErrorLike {
	statusCode?: number;
	code?: string;
	message?: string;
	details?: { errorCode?: string; copySourceErrorCode?: string; copySourceStatusCode?: number };
	name?: string;
}

const AUTH_CODES = new Set([
	'AuthenticationFailed',
	'AuthorizationFailure',
	'AuthorizationPermissionMismatch',
	'AuthorizationResourceTypeMismatch',
	'AuthorizationServiceMismatch',
	'AuthorizationSourceIPMismatch',
	'AuthorizationProtocolMismatch',
	'InvalidAuthenticationInfo',
	'NoAuthenticationInformation',
	'KeyBasedAuthenticationNotPermitted',
]);

const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused; check the endpoint, and that the service runs',
	ENOTFOUND: 'the host name does not resolve; check the account name or the blob endpoint',
	EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
	ETIMEDOUT: 'the connection timed out',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'the host is unreachable',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

const AUTH_HINTS: Record<string, string> = {
	connectionString: 'check the account key or SAS in the connection string of the credential',
	sharedKey: 'check the account name and account key of the credential',
	sasToken:
		'check that the SAS token of the credential is valid, not expired, and grants this operation',
	entraId:
		'check that the service principal has an Azure RBAC role on the account, such as Storage Blob Data Contributor',
};

/** First line of a service message, without Azure's RequestId/Time trailer, redacted. */
function serviceMessage(error: RestErrorLike, secrets: readonly string[]): string {
	const first = String(error.message ?? '')
		.split('\n')[0]
		.trim();
	return redactSecrets(first, secrets);
}

function setParameter<T extends StorageError>(error: T, parameter: string | undefined): T {
	if (parameter) (error as { parameter?: string }).parameter = parameter;
	return error;
}

/**
 * Turns what the Azure SDK or @azure/identity threw into a typed StorageError (or an
 * AzureServiceError) whose message says what went wrong with which input, and holds no secret.
 */
export function toAzureError(error: unknown, context: AzureErrorContext = {}): Error {
	if (error instanceof StorageError || error instanceof AzureServiceError) return error;
	const secrets = context.secrets ?? [];
	const err = (error ?? {}) as RestErrorLike;
	const containerParameter = context.containerParameter ?? 'container';
	const blobParameter = context.blobParameter ?? 'key';

	if (err.name === 'AbortError') return error as Error;
	if (
		err.name === 'AuthenticationError' ||
		err.name === 'AuthenticationRequiredError' ||
		err.name === 'CredentialUnavailableError'
	) {
		const description =
			(error as { errorResponse?: { errorDescription?: string } }).errorResponse
				?.errorDescription ?? err.message;
		const first = redactSecrets(
			String(description ?? '')
				.split('\n')[0]
				.trim(),
			secrets,
		).replace(/\.+$/, '');
		return new AuthError(
			`Microsoft Entra ID did not issue a token for the service principal of the credential: ${first}. Check the tenant ID, client ID and client secret`,
		);
	}

	const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
	if (status === undefined) {
		const known = errorChain(error)
			.map((node) => node.code)
			.find((value): value is string => typeof value === 'string' && value in NETWORK_PROBLEMS);
		const code = known ?? networkErrorCode(error) ?? err.code;
		const where = context.endpoint ? ` ${context.endpoint}` : '';
		if (code && /^E[A-Z_]+$|REQUEST_SEND_ERROR|CERT/.test(code)) {
			// In words: n8n replaces a whole message that mentions ECONNREFUSED & co. with a generic one.
			const detail = NETWORK_PROBLEMS[code] ?? 'the request could not be sent';
			return new AzureServiceError(
				`Cannot reach the Azure Blob endpoint${where}: ${detail}`,
				undefined,
				code,
			);
		}
		const message = error instanceof Error ? error.message : String(error);
		return new AzureServiceError(redactSecrets(message, secrets));
	}

	const code = err.details?.errorCode ?? err.code ?? '';
	const text = serviceMessage(err, secrets);
	const container = context.container ?? '';
	const blob = context.blob ?? '';

	if (status === 401 || status === 403) {
		if (AUTH_CODES.has(code) || status === 401) {
			const hint = AUTH_HINTS[context.authentication ?? ''] ?? 'check the credential';
			return new AuthError(
				`Azure refused the credential (${code || `HTTP ${status}`}): ${text} — ${hint}`,
			);
		}
	}
	if (status === 429 || code === 'ServerBusy' || code === 'OperationTimedOut') {
		return new RateLimitedError(
			`Azure Blob Storage is busy (${code || `HTTP ${status}`}) and the retries ran out: ${text}`,
		);
	}
	switch (code) {
		case 'ContainerNotFound':
			return setParameter(new ContainerNotFoundError(container), containerParameter);
		case 'ContainerAlreadyExists':
			return setParameter(new ContainerAlreadyExistsError(container), containerParameter);
		case 'ContainerBeingDeleted':
			return setParameter(
				new StorageError(
					'ContainerAlreadyExists',
					`Container "${container}" is being deleted; Azure frees its name after about 30 seconds`,
				),
				containerParameter,
			);
		case 'BlobNotFound':
			return setParameter(new ObjectNotFoundError(container, blob), blobParameter);
		case 'CannotVerifyCopySource': {
			const source = context.source ?? {};
			if (source.url) {
				return new StorageError(
					'ObjectNotFound',
					`Azure cannot read the copy source URL (HTTP ${err.details?.copySourceStatusCode ?? status}): it must be public or carry a SAS token`,
					'sourceUrl',
				);
			}
			return setParameter(
				new ObjectNotFoundError(source.container ?? '', source.blob ?? ''),
				source.blobParameter ?? 'sourceKey',
			);
		}
		case 'BlobAlreadyExists':
			return new AzureServiceError(
				`Blob "${blob}" already exists in container "${container}"`,
				status,
				code,
			);
		case 'InvalidRange':
			return new InvalidNameError(
				'rangeStart',
				`The byte range starts beyond the end of blob "${blob}"`,
			);
		case 'InvalidResourceName':
			return new InvalidNameError(
				containerParameter,
				`Azure refused the name of container "${container}" or blob "${blob}": ${text}`,
			);
		case 'BlobArchived':
			return new AzureServiceError(
				`Blob "${blob}" is in the Archive tier and cannot be read; set its tier to Hot, Cool or Cold and wait for the rehydration`,
				status,
				code,
			);
		case 'SnapshotsPresent':
			return new AzureServiceError(
				`Blob "${blob}" has snapshots; choose to delete it with its snapshots`,
				status,
				code,
			);
		case 'ConditionNotMet':
			return new AzureServiceError(
				`Blob "${blob}" already exists in container "${container}" (or changed meanwhile)`,
				status,
				code,
			);
	}
	return new AzureServiceError(
		`Azure Blob Storage answered HTTP ${status}${code ? ` ${code}` : ''}: ${text}`,
		status,
		code,
	);
}

/** Runs an SDK call and rethrows its failure mapped by toAzureError. */
export async function azureCall<T>(context: AzureErrorContext, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw toAzureError(error, context);
	}
}
