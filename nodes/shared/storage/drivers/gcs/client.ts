/**
 * The Google Cloud Storage client, built from the pack's credential.
 *
 * The SDK is loaded lazily (inside this async factory), so n8n's start-up never pays for it.
 * Retries are the SDK's own, configured from the pack's one retry policy.
 */
import { createRequire } from 'module';
import type { Storage, StorageOptions } from '@google-cloud/storage';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { AuthError } from '../../errors';
import { fastCrc32cGenerator } from './crc32c';
import { redactSecrets, secretsFromCredential } from '../../../transport/redact';
import {
	DEFAULT_RETRY_POLICY,
	RETRYABLE_STATUSES,
	isRetryableNetworkError,
	type RetryPolicy,
} from '../../../transport/retryPolicy';

export const GCS_CREDENTIAL_TYPE = 'cloudPackGoogleCloudStorageApi';

/** How a custom endpoint lays out the JSON API. */
export type EndpointType = 'emulator' | 'google';

/** The credential, parsed and checked. Never logged or returned: it holds the private key. */
export interface GcsConfig {
	clientEmail: string;
	privateKey: string;
	privateKeyId?: string;
	projectId: string;
	/** e.g. http://127.0.0.1:9199; absent for Google Cloud Storage itself */
	apiEndpoint?: string;
	endpointType: EndpointType;
	/** Every secret value of the credential, for redaction. */
	secrets: string[];
}

const SCOPES = ['https://www.googleapis.com/auth/devstorage.full_control'];

function credentialError(message: string): AuthError {
	return new AuthError(`Google Cloud Storage credential: ${message}`);
}

/** Reads the credential's fields; the error never echoes the key (not even JSON.parse's snippet). */
export function parseGcsCredential(data: ICredentialDataDecryptedObject): GcsConfig {
	const raw = data.serviceAccountKey;
	const secrets = secretsFromCredential(data);
	let key: Record<string, unknown>;
	if (raw && typeof raw === 'object') {
		key = raw as Record<string, unknown>;
	} else {
		const text = String(raw ?? '').trim();
		if (!text)
			throw credentialError('the "Service Account Key" is empty; paste the whole JSON key file');
		try {
			key = JSON.parse(text) as Record<string, unknown>;
		} catch {
			throw credentialError(
				'the "Service Account Key" is not valid JSON; paste the whole JSON key file as downloaded',
			);
		}
		if (!key || typeof key !== 'object' || Array.isArray(key)) {
			throw credentialError('the "Service Account Key" must be a JSON object');
		}
	}
	if (key.type !== undefined && key.type !== 'service_account') {
		throw credentialError(
			`the key is of type "${String(key.type)}"; use a service-account key (type "service_account")`,
		);
	}
	const clientEmail = typeof key.client_email === 'string' ? key.client_email.trim() : '';
	const privateKey = typeof key.private_key === 'string' ? key.private_key : '';
	if (!clientEmail) throw credentialError('the key has no "client_email"');
	if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) {
		throw credentialError('the key has no PEM "private_key"');
	}
	const projectId =
		String(data.projectId ?? '').trim() ||
		(typeof key.project_id === 'string' ? key.project_id.trim() : '');
	if (!projectId) throw credentialError('set "Project ID": the key has no "project_id"');

	let apiEndpoint: string | undefined;
	if (data.useCustomEndpoint === true) {
		const endpoint = String(data.apiEndpoint ?? '')
			.trim()
			.replace(/\/+$/, '');
		if (!endpoint) throw credentialError('"Custom API Endpoint" is on but no endpoint is set');
		let url: URL;
		try {
			url = new URL(endpoint);
		} catch {
			throw credentialError(`"API Endpoint" is not a URL: "${endpoint}"`);
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			throw credentialError(
				`"API Endpoint" must start with http:// or https://, not "${url.protocol}"`,
			);
		}
		apiEndpoint = endpoint;
	}
	return {
		clientEmail,
		privateKey,
		privateKeyId: typeof key.private_key_id === 'string' ? key.private_key_id : undefined,
		projectId,
		apiEndpoint,
		endpointType: data.endpointType === 'google' ? 'google' : 'emulator',
		secrets: [
			...secrets,
			privateKey,
			...privateKey.split('\n').filter((line) => line.length >= 16),
		],
	};
}

/**
 * The SDK's retry settings from the pack's policy: the same attempts, the same time budget,
 * the same retryable statuses (429, 502, 503, 504) and network errors. The SDK's backoff is
 * its own (2^n seconds plus up to 1 s of jitter, capped at maxDelayMs); requests that are
 * not idempotent are retried only when a precondition makes that safe (RetryConditional).
 */
export function gcsRetryOptions(
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): NonNullable<StorageOptions['retryOptions']> {
	return {
		// the SDK reads maxRetries 0 as "use the default (3)": one attempt means no auto-retry
		autoRetry: policy.maxAttempts > 1,
		maxRetries: Math.max(1, policy.maxAttempts - 1),
		retryDelayMultiplier: 2,
		totalTimeout: Math.ceil(policy.maxTotalMs / 1000),
		maxRetryDelay: Math.ceil(policy.maxDelayMs / 1000),
		retryableErrorFn: (error) => {
			const status = typeof error?.code === 'number' ? error.code : Number(error?.code);
			if (RETRYABLE_STATUSES.includes(status)) return true;
			if (isRetryableNetworkError(error)) return true;
			// the SDK reports a dropped connection as a reason inside `errors`
			return (error?.errors ?? []).some((inner) =>
				/econnreset|epipe|unexpected connection closure|socket connection timeout/i.test(
					String(inner?.reason ?? ''),
				),
			);
		},
	};
}

/** The two classes of google-auth-library used here (it is the SDK's dependency, not ours). */
interface AuthLibrary {
	JWT: new (options: { email: string; key: string; keyId?: string; scopes: string[] }) => object;
	GoogleAuth: new (options: { authClient: object; projectId: string; scopes: string[] }) => {
		jsonContent: unknown;
	};
}

/** google-auth-library as the SDK itself resolves it, so that `instanceof JWT` holds inside the SDK. */
function loadAuthLibrary(): AuthLibrary {
	const sdkRequire = createRequire(require.resolve('@google-cloud/storage'));
	return sdkRequire('google-auth-library') as AuthLibrary;
}

export interface GcsClient {
	storage: Storage;
	config: GcsConfig;
	/** The pack's retry policy; the SDK's retries are configured from it, resumable uploads follow it. */
	policy: RetryPolicy;
}

/**
 * A Storage client for one credential. Everything is per client (no STORAGE_EMULATOR_HOST):
 * - Google Cloud Storage: the SDK's defaults.
 * - A custom endpoint of type "google" (a private or compatible endpoint that lays out the
 *   JSON API like Google, under /storage/v1): `apiEndpoint` + `useAuthWithCustomEndpoint`.
 * - A custom endpoint of type "emulator" (the Firebase Storage emulator; fake-gcs-server):
 *   the JSON API at the endpoint's root and no access token — what the SDK does for
 *   STORAGE_EMULATOR_HOST, done for this client only by pointing its base URL at the root.
 * Signed URLs are always signed locally with the key; they never need the network.
 */
export async function createGcsClient(
	config: GcsConfig,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<GcsClient> {
	const { Storage: StorageClass } = await import('@google-cloud/storage');
	const auth = loadAuthLibrary();
	const jwt = new auth.JWT({
		email: config.clientEmail,
		key: config.privateKey,
		keyId: config.privateKeyId,
		scopes: SCOPES,
	});
	const googleAuth = new auth.GoogleAuth({
		authClient: jwt,
		projectId: config.projectId,
		scopes: SCOPES,
	});
	// The signer asks GoogleAuth for the account's e-mail; give it without the key (the JWT
	// client holds that), instead of the deprecated `credentials` option that logs a warning.
	googleAuth.jsonContent = { type: 'service_account', client_email: config.clientEmail };

	const options: StorageOptions = {
		projectId: config.projectId,
		authClient: googleAuth as StorageOptions['authClient'],
		retryOptions: gcsRetryOptions(policy),
		userAgent: 'n8n-nodes-cloud-pack',
		// integrity checks of uploads and downloads stay on (CRC32C), at 8× the SDK's speed
		crc32cGenerator: fastCrc32cGenerator,
	};
	if (config.apiEndpoint) {
		options.apiEndpoint = config.apiEndpoint;
		options.useAuthWithCustomEndpoint = config.endpointType === 'google';
	}
	const storage = new StorageClass(options);
	if (config.apiEndpoint && config.endpointType === 'emulator') {
		(storage as unknown as { baseUrl: string }).baseUrl = config.apiEndpoint;
	}
	return { storage, config, policy };
}

/** Redacts the credential's secrets (and generic credential patterns) from a text. */
export function redactFor(config: Pick<GcsConfig, 'secrets'> | undefined, text: string): string {
	return redactSecrets(text, config?.secrets ?? []);
}
