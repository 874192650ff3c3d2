import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';

import { readHttpFailure, type HttpFailure } from '../transport/errors';
import { redactSecrets, secretsFromCredential } from '../transport/redact';
import {
	decideRetry,
	isRetryableNetworkError,
	parseRetryAfter,
	resolveRetryPolicy,
} from '../transport/retryPolicy';
import { catalogEndpoints, catalogRegions, regionInterfaces, type CatalogEntry } from './catalog';
import { cloudTarget, type CloudTarget } from './cloud';
import { OpenStackAuthError, OpenStackConfigError } from './credentialErrors';
import { sessionFingerprint, type OpenStackSession } from './session';

/**
 * Obtains a Keystone v3 token (`POST /v3/auth/tokens`, 201 + `X-Subject-Token`) for the
 * credential's `preAuthentication`, and says plainly what failed: Keystone unreachable, not a
 * Keystone v3 URL, a wrong secret or password, no project scope, a region or interface the
 * catalog does not have. Nothing it throws contains a secret.
 */

/** The credential labels as n8n shows them. */
export const CREDENTIAL_LABELS: Record<string, string> = {
	cloud: 'Cloud',
	authUrl: 'Auth URL',
	region: 'Region',
	interface: 'Interface',
	authentication: 'Authentication',
	applicationCredentialId: 'Application Credential ID',
	applicationCredentialName: 'Application Credential Name',
	applicationCredentialSecret: 'Application Credential Secret',
	applicationCredentialUserName: 'User Name',
	applicationCredentialUserDomainName: 'User Domain',
	userName: 'User Name',
	userDomainName: 'User Domain',
	password: 'Password',
	projectName: 'Project Name',
	projectId: 'Project ID',
	projectDomainName: 'Project Domain',
};

function text(value: unknown): string {
	return typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value).trim();
}

function required(credentials: ICredentialDataDecryptedObject, field: string): string {
	const value = text(credentials[field]);
	if (!value) throw new OpenStackConfigError(`The ${CREDENTIAL_LABELS[field]} is empty`, field);
	return value;
}

/** A password or secret is sent as typed (spaces included). */
function secret(credentials: ICredentialDataDecryptedObject, field: string): string {
	const value = credentials[field];
	if (typeof value !== 'string' || value === '')
		throw new OpenStackConfigError(`The ${CREDENTIAL_LABELS[field]} is empty`, field);
	return value;
}

function userReference(
	credentials: ICredentialDataDecryptedObject,
	prefix: '' | 'applicationCredential' = '',
): IDataObject {
	const name = prefix ? `${prefix}UserName` : 'userName';
	const domain = prefix ? `${prefix}UserDomainName` : 'userDomainName';
	return {
		name: required(credentials, name),
		domain: { name: text(credentials[domain]) || 'Default' },
	};
}

export type AuthMethod = 'applicationCredential' | 'password';

export function authMethod(credentials: ICredentialDataDecryptedObject): AuthMethod {
	return credentials.authentication === 'password' ? 'password' : 'applicationCredential';
}

/**
 * The body of `POST /v3/auth/tokens`. An application credential is bound to its project (no
 * scope); a password is scoped to the project by ID, or by name within its domain.
 * `scoped: false` builds the unscoped password request used to tell a wrong password from a
 * missing project role.
 */
export function tokenRequestBody(
	credentials: ICredentialDataDecryptedObject,
	scoped = true,
): IDataObject {
	if (authMethod(credentials) === 'applicationCredential') {
		const applicationCredential: IDataObject =
			credentials.applicationCredentialBy === 'name'
				? {
						name: required(credentials, 'applicationCredentialName'),
						user: userReference(credentials, 'applicationCredential'),
						secret: secret(credentials, 'applicationCredentialSecret'),
					}
				: {
						id: required(credentials, 'applicationCredentialId'),
						secret: secret(credentials, 'applicationCredentialSecret'),
					};
		return {
			auth: {
				identity: {
					methods: ['application_credential'],
					application_credential: applicationCredential,
				},
			},
		};
	}
	const identity = {
		methods: ['password'],
		password: {
			user: { ...userReference(credentials), password: secret(credentials, 'password') },
		},
	};
	if (!scoped) return { auth: { identity } };
	const project: IDataObject =
		credentials.projectBy === 'id'
			? { id: required(credentials, 'projectId') }
			: {
					name: required(credentials, 'projectName'),
					domain: { name: text(credentials.projectDomainName) || 'Default' },
				};
	return { auth: { identity, scope: { project } } };
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

interface FullResponse {
	body?: unknown;
	headers?: Record<string, unknown>;
	statusCode?: number;
}

interface TokenBody {
	token?: {
		expires_at?: string;
		issued_at?: string;
		methods?: string[];
		user?: { id?: string; name?: string; domain?: { id?: string; name?: string } };
		project?: { id?: string; name?: string; domain?: { id?: string; name?: string } };
		roles?: Array<{ name?: string }>;
		catalog?: CatalogEntry[];
		application_credential?: { id: string; name?: string; restricted?: boolean };
	};
}

export interface TokenRequestDeps {
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
}

function headerValue(
	headers: Record<string, unknown> | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	const value = Array.isArray(found?.[1]) ? found?.[1][0] : found?.[1];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Keystone's own explanation of a refusal: every Keystone error is JSON
 * `{"error": {"code", "message", "title"}}`; undefined for any other answer (a web page, another
 * service), which is how a URL that is not Keystone shows.
 */
function keystoneMessage(failure: HttpFailure): string | undefined {
	let body = failure.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') body = safeJson(body);
	const error = (body as { error?: { message?: unknown } } | undefined)?.error;
	return typeof error?.message === 'string' ? error.message : undefined;
}

/** One POST to Keystone, retried like every request of the pack on 429/502/503/504 and resets. */
async function postTokens(
	http: HttpRequest,
	target: CloudTarget,
	body: IDataObject,
	deps: TokenRequestDeps,
): Promise<FullResponse> {
	const policy = resolveRetryPolicy({ maxTotalMs: 60_000 });
	const now = deps.now ?? Date.now;
	const sleep = deps.sleep ?? n8nSleep;
	const startedAt = now();
	for (let attemptsMade = 1; ; attemptsMade++) {
		try {
			return (await http({
				method: 'POST',
				url: `${target.authUrl}/auth/tokens`,
				body,
				json: true,
				returnFullResponse: true,
				timeout: policy.idleTimeoutMs,
				skipSslCertificateValidation: target.insecure,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			})) as FullResponse;
		} catch (error) {
			const failure = readHttpFailure(error);
			const decision = decideRetry(
				{
					attemptsMade,
					status: failure.status,
					retryAfterMs: parseRetryAfter(failure.headers['retry-after'], now()),
					transientNetworkError: failure.status === undefined && isRetryableNetworkError(error),
					replayable: true,
					elapsedMs: now() - startedAt,
				},
				policy,
			);
			if (!decision.retry) throw Object.assign(new Error('token request failed'), { failure });
			await sleep(decision.delayMs);
		}
	}
}

function failureOf(error: unknown): HttpFailure {
	return (error as { failure?: HttpFailure }).failure ?? readHttpFailure(error);
}

function describeNetworkFailure(target: CloudTarget, failure: HttpFailure): string {
	const code = failure.networkCode;
	const hints: Record<string, string> = {
		ECONNREFUSED: 'nothing accepts connections there',
		ENOTFOUND: 'the host name does not resolve',
		EAI_AGAIN: 'the host name could not be resolved',
		ETIMEDOUT: 'the connection timed out',
		ECONNRESET: 'the connection was reset',
		CERT_HAS_EXPIRED: 'its TLS certificate has expired',
		DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
		SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
		UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
		ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
		EHOSTUNREACH: 'the host is unreachable',
		ECONNABORTED: 'the connection was aborted',
	};
	// No OS error code in the words: n8n replaces a message naming one (ECONNREFUSED…) with
	// generic text, which would lose the URL and the cause.
	const raw = (failure.rawMessage ?? '')
		.replace(/\b[A-Z][A-Z0-9_]{3,}\b/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const why = (code && hints[code]) ?? (raw || 'the connection failed');
	return `Could not reach Keystone at ${target.authUrl}: ${why}`;
}

/** Why Keystone refused, in the credential's terms. */
async function describeRefusal(
	http: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	target: CloudTarget,
	failure: HttpFailure,
	deps: TokenRequestDeps,
): Promise<string> {
	const status = failure.status!;
	const said = keystoneMessage(failure);
	const keystoneSays = said ? ` Keystone says: "${said}"` : '';
	if (said === undefined && status < 500) {
		return `The Auth URL ${target.authUrl} is not a Keystone v3 endpoint: POST ${target.authUrl}/auth/tokens answered HTTP ${status}${status === 404 || status === 405 ? '' : ', not as Keystone does'}`;
	}
	if (status === 404) {
		if (authMethod(credentials) === 'applicationCredential') {
			const which = credentials.applicationCredentialBy === 'name' ? 'its name and user' : 'its ID';
			return `Keystone does not know the application credential (HTTP 404): check ${which} (a deleted application credential is gone for good).${keystoneSays}`;
		}
		return `Keystone could not find what the credential names (HTTP 404).${keystoneSays}`;
	}
	if (status === 401) {
		if (authMethod(credentials) === 'applicationCredential') {
			const which =
				credentials.applicationCredentialBy === 'name'
					? 'its name, user name, user domain and secret'
					: 'its ID and secret';
			return `Keystone refused the application credential (HTTP 401): check ${which}.${keystoneSays}`;
		}
		// Right password but no role on the project, or wrong password? An unscoped token tells.
		const unscoped = await postTokens(
			http,
			target,
			tokenRequestBody(credentials, false),
			deps,
		).then(
			() => true,
			() => false,
		);
		if (unscoped) {
			const project =
				credentials.projectBy === 'id'
					? `ID "${text(credentials.projectId)}"`
					: `"${text(credentials.projectName)}" in domain "${text(credentials.projectDomainName) || 'Default'}"`;
			return `No project scope: the user name and password are right, but Keystone would not scope a token to the project ${project} (it does not exist, or the user has no role on it)`;
		}
		return `Keystone refused the user name or password (HTTP 401): check the User Name, User Domain and Password.${keystoneSays}`;
	}
	if (status === 400)
		return `Keystone rejected the authentication request (HTTP 400).${keystoneSays}`;
	if (status === 403) return `Keystone refused to issue a token (HTTP 403).${keystoneSays}`;
	return `Keystone failed to issue a token (HTTP ${status}).${keystoneSays}`;
}

/** The credential field a refusal is about, when one is. */
function refusedField(
	credentials: ICredentialDataDecryptedObject,
	failure: HttpFailure,
): string | undefined {
	if (keystoneMessage(failure) === undefined && (failure.status ?? 500) < 500) return 'authUrl';
	if (failure.status === 404 && authMethod(credentials) === 'applicationCredential') {
		return credentials.applicationCredentialBy === 'name'
			? 'applicationCredentialName'
			: 'applicationCredentialId';
	}
	return undefined;
}

/**
 * Requests a token and turns Keystone's answer into the session the nodes use. Throws
 * OpenStackConfigError for unusable settings and OpenStackAuthError for what Keystone refused
 * or lacked, both without secrets.
 */
export async function requestSession(
	http: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	deps: TokenRequestDeps = {},
): Promise<OpenStackSession> {
	const target = cloudTarget(credentials);
	const body = tokenRequestBody(credentials);
	const secrets = secretsFromCredential(credentials);
	const clean = (message: string) => redactSecrets(message, secrets);
	let response: FullResponse;
	try {
		response = await postTokens(http, target, body, deps);
	} catch (error) {
		const failure = failureOf(error);
		if (failure.status === undefined)
			throw new OpenStackAuthError(clean(describeNetworkFailure(target, failure)), 'authUrl');
		throw new OpenStackAuthError(
			clean(await describeRefusal(http, credentials, target, failure, deps)),
			refusedField(credentials, failure),
			failure.status,
		);
	}
	const token = headerValue(response.headers, 'x-subject-token');
	const answer = (typeof response.body === 'string' ? safeJson(response.body) : response.body) as
		TokenBody | undefined;
	const issued = answer?.token;
	if (!token || !issued?.expires_at) {
		throw new OpenStackAuthError(
			`The Auth URL ${target.authUrl} is not a Keystone v3 endpoint: its answer to POST /auth/tokens (HTTP ${response.statusCode ?? '?'}) has no token`,
			'authUrl',
		);
	}
	if (!issued.project?.id) {
		throw new OpenStackAuthError(
			'No project scope: Keystone issued a token that is not scoped to a project, so it has no service catalog. Give a project (password), or use an application credential, which is bound to one.',
		);
	}
	const catalog = Array.isArray(issued.catalog) ? issued.catalog : [];
	const regions = catalogRegions(catalog);
	if (catalog.length === 0) {
		throw new OpenStackAuthError(
			`The token for project "${issued.project.name ?? issued.project.id}" has an empty service catalog: the cloud registers no endpoints for it`,
		);
	}
	if (!regions.includes(target.region)) {
		throw new OpenStackAuthError(
			`Region "${target.region}" is not in the catalog of ${target.authUrl}; its regions: ${regions.join(', ') || 'none'}`,
			'region',
		);
	}
	const endpoints = catalogEndpoints(catalog, target.region, target.interface);
	if (Object.keys(endpoints).length === 0) {
		throw new OpenStackAuthError(
			`The catalog has no "${target.interface}" endpoints in region "${target.region}"; its interfaces there: ${regionInterfaces(catalog, target.region).join(', ')}`,
			'interface',
		);
	}
	return {
		token,
		expiresAt: new Date(issued.expires_at).toISOString(),
		issuedAt: issued.issued_at ? new Date(issued.issued_at).toISOString() : undefined,
		fingerprint: sessionFingerprint(credentials),
		authUrl: target.authUrl,
		region: target.region,
		interface: target.interface,
		user: {
			id: issued.user?.id ?? '',
			name: issued.user?.name,
			domainId: issued.user?.domain?.id,
			domainName: issued.user?.domain?.name,
		},
		project: {
			id: issued.project.id,
			name: issued.project.name,
			domainId: issued.project.domain?.id,
			domainName: issued.project.domain?.name,
		},
		roles: (issued.roles ?? []).map((role) => role.name ?? '').filter(Boolean),
		methods: issued.methods ?? [],
		endpoints,
		catalogRegions: regions,
		...(issued.application_credential
			? {
					applicationCredential: {
						id: issued.application_credential.id,
						name: issued.application_credential.name,
						restricted: issued.application_credential.restricted,
					},
				}
			: {}),
	};
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
