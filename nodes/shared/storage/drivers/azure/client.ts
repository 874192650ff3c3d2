import type {
	BlobServiceClient,
	StoragePipelineOptions,
	StorageSharedKeyCredential,
} from '@azure/storage-blob';

import { AuthError } from '../../errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../transport/retryPolicy';
import { createTimedAgents, type TimedAgents } from '../../../transport/agents';
import { endpointProblem } from '../../../transport/endpoint';
import type { AzureErrorContext } from './errors';
import { installAgentPolicy, installRetryPolicy } from './retry';

export type AzureAuthentication = 'connectionString' | 'sharedKey' | 'sasToken' | 'entraId';
export type AzureCloud = 'public' | 'usGovernment' | 'china';

/** The fields of the cloudPackAzureBlobApi credential. */
export interface AzureBlobCredentialData {
	authentication?: AzureAuthentication | string;
	connectionString?: string;
	accountName?: string;
	accountKey?: string;
	sasToken?: string;
	tenantId?: string;
	clientId?: string;
	clientSecret?: string;
	cloud?: AzureCloud | string;
	/** Custom blob endpoint (Azurite, private endpoints, sovereign clouds); empty for the default. */
	blobEndpoint?: string;
}

/** A ready client and what the operations need to know about how it signs. */
export interface AzureConnection {
	service: BlobServiceClient;
	accountName: string;
	/** The blob endpoint, without any query (so never a SAS token). */
	endpoint: string;
	authentication: AzureAuthentication;
	/** Present when the account key is known: service SAS URLs are signed with it. */
	sharedKey?: StorageSharedKeyCredential;
	/** Values that must never appear in an error or output. */
	secrets: string[];
	/** The sockets of this connection (the policy's timeouts), closed by closeAzureConnection. */
	agents?: TimedAgents;
}

export const AZURE_CLOUDS: Record<
	AzureCloud,
	{ blobSuffix: string; authorityHost: string; name: string }
> = {
	public: {
		name: 'Azure Public Cloud',
		blobSuffix: 'blob.core.windows.net',
		authorityHost: 'https://login.microsoftonline.com',
	},
	usGovernment: {
		name: 'Azure US Government',
		blobSuffix: 'blob.core.usgovcloudapi.net',
		authorityHost: 'https://login.microsoftonline.us',
	},
	china: {
		name: 'Azure China',
		blobSuffix: 'blob.core.chinacloudapi.cn',
		authorityHost: 'https://login.chinacloudapi.cn',
	},
};

/**
 * Options for every BlobServiceClient. No `retryOptions`: the SDK's retry policy is replaced by the
 * pack's (see retry.ts and createAzureConnection), so its options would configure nothing.
 */
export function azurePipelineOptions(): StoragePipelineOptions {
	return { userAgentOptions: { userAgentPrefix: 'n8n-nodes-cloud-pack' } };
}

function field(data: AzureBlobCredentialData, name: keyof AzureBlobCredentialData): string {
	const value = data[name];
	return typeof value === 'string' ? value.trim() : '';
}

function required(
	data: AzureBlobCredentialData,
	name: keyof AzureBlobCredentialData,
	label: string,
): string {
	const value = field(data, name);
	if (!value) throw new AuthError(`Set the "${label}" of the Azure Blob Storage credential`);
	return value;
}

/** The blob endpoint: the custom one when set, else https://<account>.blob.<cloud suffix>. */
export function blobEndpointOf(data: AzureBlobCredentialData, accountName: string): string {
	const custom = field(data, 'blobEndpoint');
	if (custom) {
		assertAzureEndpoint(custom, 'The "Blob Endpoint" of the Azure credential');
		const url = new URL(custom);
		if (url.search || url.hash) {
			throw new AuthError(
				'The "Blob Endpoint" of the Azure credential must not hold a query, a fragment or user information; put a SAS token in "SAS Token"',
			);
		}
		return url.href.replace(/\/+$/, '');
	}
	if (!accountName) {
		throw new AuthError(
			'Set the "Account Name" of the Azure credential (or a custom "Blob Endpoint")',
		);
	}
	if (!/^[a-z0-9]{3,24}$/.test(accountName)) {
		throw new AuthError(
			`The "Account Name" "${accountName}" of the Azure credential is invalid: use 3-24 lowercase letters and digits (or set a custom "Blob Endpoint")`,
		);
	}
	const cloud =
		AZURE_CLOUDS[(field(data, 'cloud') || 'public') as AzureCloud] ?? AZURE_CLOUDS.public;
	return `https://${accountName}.${cloud.blobSuffix}`;
}

/** Secret values of the credential, including the key and signature inside a connection string. */
export function credentialSecrets(data: AzureBlobCredentialData): string[] {
	const secrets = [
		field(data, 'accountKey'),
		field(data, 'sasToken'),
		field(data, 'clientSecret'),
		field(data, 'connectionString'),
	];
	for (const part of field(data, 'connectionString').split(';')) {
		const match = /^\s*(AccountKey|SharedAccessSignature)\s*=(.*)$/i.exec(part);
		if (match) secrets.push(match[2].trim());
	}
	for (const sas of secrets.filter((secret) => secret.includes('sig='))) {
		const sig = /(?:^|[?&])sig=([^&]+)/.exec(sas)?.[1];
		if (sig) secrets.push(sig, decodeURIComponent(sig));
	}
	return secrets.filter((secret) => secret.length >= 4);
}

/** The pack's endpoint rule (no user:password@, no secret over plain http:// but to loopback). */
function assertAzureEndpoint(endpoint: string, label: string): void {
	// Every way to sign in sends a secret: a SharedKey signature, a SAS token, a bearer token.
	const problem = endpointProblem(endpoint, { label, sendsSecret: true });
	if (problem) throw new AuthError(problem);
}

function normaliseSas(token: string): string {
	return token.replace(/^\?/, '');
}

/**
 * Builds a BlobServiceClient for any of the four ways to authenticate, retrying by the pack's
 * retry policy (429/502/503/504 and transient network errors, Retry-After honoured). Loads the
 * SDKs lazily, so that n8n's start-up does not pay for them.
 */
export async function createAzureConnection(
	data: AzureBlobCredentialData,
	policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY },
): Promise<AzureConnection> {
	const connection = await connect(data);
	// Every container and blob client derived from this service shares its pipeline, so they all retry this way.
	installRetryPolicy(connection.service, policy);
	connection.agents = createTimedAgents(policy);
	installAgentPolicy(connection.service, connection.agents);
	return connection;
}

/** Closes the sockets of a connection; it is not used afterwards. */
export async function closeAzureConnection(connection: AzureConnection | undefined): Promise<void> {
	await connection?.agents?.destroy();
}

async function connect(data: AzureBlobCredentialData): Promise<AzureConnection> {
	const { BlobServiceClient, StorageSharedKeyCredential } = await import('@azure/storage-blob');
	const options = azurePipelineOptions();
	const secrets = credentialSecrets(data);
	const authentication = (field(data, 'authentication') || 'sharedKey') as AzureAuthentication;

	switch (authentication) {
		case 'connectionString': {
			const connectionString = required(data, 'connectionString', 'Connection String');
			let service: BlobServiceClient;
			try {
				service = BlobServiceClient.fromConnectionString(connectionString, options);
			} catch (error) {
				// The SDK's messages name the missing part; they do not echo values, but be sure.
				const reason = String((error as Error).message ?? error);
				const safe = secrets.reduce((text, secret) => text.split(secret).join('***'), reason);
				throw new AuthError(
					`The "Connection String" of the Azure credential is not valid: ${safe}`,
				);
			}
			const endpoint = stripQuery(service.url);
			assertAzureEndpoint(
				endpoint,
				'The blob endpoint of the "Connection String" of the Azure credential',
			);
			const sharedKey =
				service.credential instanceof StorageSharedKeyCredential ? service.credential : undefined;
			return {
				service,
				accountName: service.accountName,
				endpoint,
				authentication,
				sharedKey,
				secrets,
			};
		}
		case 'sharedKey': {
			const accountName = required(data, 'accountName', 'Account Name');
			const accountKey = required(data, 'accountKey', 'Account Key');
			if (!/^[A-Za-z0-9+/]+={0,2}$/.test(accountKey) || accountKey.length % 4 !== 0) {
				throw new AuthError(
					'The "Account Key" of the Azure credential is not a base64 key; copy it from the "Access keys" page of the storage account',
				);
			}
			const endpoint = blobEndpointOf(data, accountName);
			const sharedKey = new StorageSharedKeyCredential(accountName, accountKey);
			return {
				service: new BlobServiceClient(endpoint, sharedKey, options),
				accountName,
				endpoint,
				authentication,
				sharedKey,
				secrets,
			};
		}
		case 'sasToken': {
			let token = required(data, 'sasToken', 'SAS Token');
			let endpoint: string;
			let accountName = field(data, 'accountName');
			if (/^[a-z][a-z0-9+.-]*:\/\//i.test(token)) {
				// A whole SAS URL was pasted: it carries the endpoint too.
				assertAzureEndpoint(
					stripQuery(token),
					'The SAS URL in "SAS Token" of the Azure credential',
				);
				const url = new URL(token);
				token = url.search;
				endpoint = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
			} else {
				endpoint = blobEndpointOf(data, accountName);
			}
			token = normaliseSas(token);
			if (!/(^|&)sig=/.test(token)) {
				throw new AuthError(
					'The "SAS Token" of the Azure credential has no signature (sig=…); copy the whole token',
				);
			}
			const service = new BlobServiceClient(`${endpoint}?${token}`, undefined, options);
			accountName ||= service.accountName;
			return { service, accountName, endpoint, authentication, secrets };
		}
		case 'entraId': {
			const accountName = field(data, 'accountName');
			const tenantId = required(data, 'tenantId', 'Tenant ID');
			const clientId = required(data, 'clientId', 'Client ID');
			const clientSecret = required(data, 'clientSecret', 'Client Secret');
			const endpoint = blobEndpointOf(data, accountName);
			const cloud =
				AZURE_CLOUDS[(field(data, 'cloud') || 'public') as AzureCloud] ?? AZURE_CLOUDS.public;
			const { ClientSecretCredential } = await import('@azure/identity');
			const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, {
				authorityHost: cloud.authorityHost,
			});
			const service = new BlobServiceClient(endpoint, credential, options);
			return {
				service,
				accountName: accountName || service.accountName,
				endpoint,
				authentication,
				secrets,
			};
		}
		default:
			throw new AuthError(
				`Unknown "Authentication" "${authentication}" in the Azure Blob Storage credential`,
			);
	}
}

function stripQuery(url: string): string {
	const cut = url.indexOf('?');
	return (cut >= 0 ? url.slice(0, cut) : url).replace(/\/+$/, '');
}

/** The error context every call on this connection starts from. */
export function baseContext(connection: AzureConnection): AzureErrorContext {
	return {
		endpoint: connection.endpoint,
		authentication: connection.authentication,
		secrets: connection.secrets,
	};
}
