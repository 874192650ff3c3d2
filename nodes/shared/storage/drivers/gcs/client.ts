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
	createTimedAgents,
	type SocketTimeouts,
	type TimedAgents,
} from '../../../transport/agents';
import { endpointProblem } from '../../../transport/endpoint';
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
		// An emulator endpoint gets no access token; a Google-compatible one gets the bearer token.
		const problem = endpointProblem(endpoint, {
			label: '"API Endpoint"',
			sendsSecret: data.endpointType === 'google',
		});
		if (problem) throw credentialError(problem);
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
 * The SDK's retry settings from the pack's policy: the same attempts, the same retryable
 * statuses (429, 502, 503, 504) and network errors. The SDK's backoff is its own (2^n seconds
 * plus up to 1 s of jitter, capped at maxDelayMs); requests that are not idempotent are
 * retried only when a precondition makes that safe (RetryConditional).
 *
 * The time budget is not the policy's: when retry-request (9.x, the SDK's retry loop) finds
 * its total timeout spent before a retry, it stops without ever answering — the call hangs.
 * So its budget covers every attempt at its longest (the connect and idle timeouts the SDK's
 * agents enforce, and the longest wait), and the attempts bound the total instead.
 */
export function gcsRetryBudgetSeconds(policy: RetryPolicy): number {
	const attemptMs = policy.connectTimeoutMs + policy.idleTimeoutMs + policy.maxDelayMs;
	return Math.ceil((policy.maxTotalMs + policy.maxAttempts * attemptMs) / 1000);
}

/** The SDK's retry settings from the pack's policy (see above). */
export function gcsRetryOptions(
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): NonNullable<StorageOptions['retryOptions']> {
	return {
		// the SDK reads maxRetries 0 as "use the default (3)": one attempt means no auto-retry
		autoRetry: policy.maxAttempts > 1,
		maxRetries: Math.max(1, policy.maxAttempts - 1),
		retryDelayMultiplier: 2,
		totalTimeout: gcsRetryBudgetSeconds(policy),
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

/**
 * The SDK's per-request timeout: from sending until the answer starts. It stands for both of
 * the policy's timeouts (its agents add the connect and idle timeouts on the sockets).
 */
function requestTimeout(policy: RetryPolicy): number {
	const timeouts = [policy.connectTimeoutMs, policy.idleTimeoutMs].filter((ms) => ms > 0);
	return timeouts.length > 0 ? Math.max(...timeouts) : 0;
}

/** The two classes of google-auth-library used here (it is the SDK's dependency, not ours). */
interface AuthLibrary {
	JWT: new (options: {
		email: string;
		key: string;
		keyId?: string;
		scopes: string[];
		transporterOptions?: { timeout?: number };
	}) => object;
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

/** The pool of keep-alive agents the SDK's request library (teeny-request) keeps per process. */
interface TeenyAgentPool {
	pool: Map<string, unknown>;
}

let sdkAgents: TimedAgents | undefined;
/** The host each open client sends to, and its policy's timeouts (see installSdkAgents). */
const openClients = new Map<GcsClient, { host: string; timeouts: SocketTimeouts }>();

/** The shortest timeouts of the open clients that send to `host`; the pack's defaults otherwise. */
function timeoutsFor(host: string): SocketTimeouts {
	const shortest = (values: number[], fallback: number) =>
		values.filter((ms) => ms > 0).reduce((min, ms) => Math.min(min, ms), fallback);
	const matching = [...openClients.values()]
		.filter((client) => client.host === host)
		.map((client) => client.timeouts);
	return {
		connectTimeoutMs: shortest(
			matching.map((t) => t.connectTimeoutMs),
			DEFAULT_RETRY_POLICY.connectTimeoutMs,
		),
		idleTimeoutMs: shortest(
			matching.map((t) => t.idleTimeoutMs),
			DEFAULT_RETRY_POLICY.idleTimeoutMs,
		),
	};
}

/**
 * The SDK sends its requests through teeny-request, whose keep-alive agents live in one pool
 * per process ("http:forever", "https:forever") and cannot be given per client; and the SDK's
 * own `timeout` option is lost on the way (teeny-request hands it to node-fetch 3, which has no
 * such option). The pack puts its own agents in that pool, once, before the first request:
 * every socket gets the connect and idle timeouts of the policy of the client that sends to
 * its host (the shortest, when several do at once). A proxy from HTTP(S)_PROXY keeps
 * teeny-request's proxy agent.
 */
function installSdkAgents(): TimedAgents {
	if (sdkAgents) return sdkAgents;
	const sdkRequire = createRequire(require.resolve('@google-cloud/storage'));
	const teeny = sdkRequire('teeny-request/build/src/agents') as Partial<TeenyAgentPool>;
	const agents = createTimedAgents(timeoutsFor, { maxSockets: Infinity });
	if (teeny.pool instanceof Map) {
		teeny.pool.set('http:forever', agents.http);
		teeny.pool.set('https:forever', agents.https);
	}
	sdkAgents = agents;
	return agents;
}

function hostOf(config: GcsConfig): string {
	return config.apiEndpoint ? new URL(config.apiEndpoint).hostname : 'storage.googleapis.com';
}

/**
 * Releases what a client holds: its timeouts stop applying, and the kept-alive sockets of the
 * SDK's agents go (the agents are shared by the process's clients, so requests other runs have
 * in flight go on).
 */
export async function closeGcsClient(client: GcsClient | undefined): Promise<void> {
	if (client) openClients.delete(client);
	await sdkAgents?.releaseIdle();
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
	installSdkAgents();
	const auth = loadAuthLibrary();
	const jwt = new auth.JWT({
		email: config.clientEmail,
		key: config.privateKey,
		keyId: config.privateKeyId,
		scopes: SCOPES,
		// the token request, bounded like every other request
		transporterOptions: { timeout: requestTimeout(policy) },
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
		// per request (where the SDK's request library honours it; the agents enforce the policy)
		timeout: requestTimeout(policy),
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
	const client: GcsClient = { storage, config, policy };
	openClients.set(client, { host: hostOf(config), timeouts: policy });
	return client;
}

/** Redacts the credential's secrets (and generic credential patterns) from a text. */
export function redactFor(config: Pick<GcsConfig, 'secrets'> | undefined, text: string): string {
	return redactSecrets(text, config?.secrets ?? []);
}
