import { InvalidNameError, StorageError } from '../../errors';
import { baseContext, type AzureConnection } from './client';
import { azureCall } from './errors';
import { assertBlobName, assertContainerName } from './names';
import type { BlobNaming } from './blobs';
import { isUrlLifetime } from '../../urlExpiry';

/** Blob SAS permissions the nodes offer, in the order Azure wants them in `sp`. */
export const SAS_PERMISSIONS = [
	{
		letter: 'r',
		name: 'Read',
		value: 'read',
		description: 'Read the content, properties and metadata',
	},
	{ letter: 'a', name: 'Add', value: 'add', description: 'Add blocks to an append blob' },
	{ letter: 'c', name: 'Create', value: 'create', description: 'Write a new blob' },
	{ letter: 'w', name: 'Write', value: 'write', description: 'Create or overwrite the blob' },
	{ letter: 'd', name: 'Delete', value: 'delete', description: 'Delete the blob' },
	{ letter: 't', name: 'Tags', value: 'tag', description: 'Read and write the blob index tags' },
] as const;

/** A SAS signed with the account key has no hard limit; a year keeps links from living forever. */
export const MAX_ACCOUNT_KEY_SAS_SECONDS = 365 * 24 * 3600;
/** Azure's limit for a user delegation SAS (Microsoft Entra ID): 7 days. */
export const MAX_USER_DELEGATION_SAS_SECONDS = 7 * 24 * 3600;
/** The user delegation key starts a little in the past: clocks differ. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface SasOptions {
	/** Permission values of SAS_PERMISSIONS (read, write…) or their letters. */
	permissions: string[];
	expiresInSeconds: number;
	/** Parameter names for errors. */
	permissionsParameter?: string;
	expiryParameter?: string;
	expiryLabel?: string;
}

export interface SasUrl {
	url: string;
	expiresOn: string;
	permissions: string;
	/** "accountKey" (service SAS) or "userDelegation" (Entra ID) */
	signedWith: 'accountKey' | 'userDelegation';
}

/** The longest expiry the connection can sign, in seconds (0 when it cannot sign). */
export function maxSasExpirySeconds(connection: AzureConnection): number {
	if (connection.sharedKey) return MAX_ACCOUNT_KEY_SAS_SECONDS;
	if (connection.authentication === 'entraId') return MAX_USER_DELEGATION_SAS_SECONDS;
	return 0;
}

/**
 * A URL granting `permissions` on one blob until the expiry: a service SAS signed with the
 * account key, or a user delegation SAS for Microsoft Entra ID. A credential that is itself a
 * SAS token cannot sign one.
 */
export async function generateBlobSasUrl(
	connection: AzureConnection,
	container: string,
	blob: string,
	options: SasOptions,
	naming: BlobNaming = {},
): Promise<SasUrl> {
	assertContainerName(container, naming.containerParameter ?? 'container', naming.containerLabel);
	assertBlobName(blob, naming.blobParameter ?? 'key', naming.blobLabel);
	const permissionsParameter = options.permissionsParameter ?? 'permissions';
	const letters = SAS_PERMISSIONS.filter((permission) =>
		options.permissions.some(
			(wanted) => wanted === permission.value || wanted === permission.letter,
		),
	).map((permission) => permission.letter);
	const unknown = options.permissions.filter(
		(wanted) =>
			!SAS_PERMISSIONS.some(
				(permission) => wanted === permission.value || wanted === permission.letter,
			),
	);
	if (letters.length === 0 || unknown.length > 0) {
		throw new InvalidNameError(
			permissionsParameter,
			unknown.length > 0
				? `Invalid "Permissions": unknown permission "${unknown[0]}"`
				: 'Invalid "Permissions": choose at least one permission',
		);
	}
	const max = maxSasExpirySeconds(connection);
	if (max === 0) {
		throw new StorageError(
			'NotSupported',
			'A SAS URL is signed with the account key or through Microsoft Entra ID; this credential holds a SAS token, which cannot sign new ones',
		);
	}
	const expiryParameter = options.expiryParameter ?? 'expiresIn';
	const expiryLabel = options.expiryLabel ?? '"Expires In (Seconds)"';
	const seconds = options.expiresInSeconds;
	if (!isUrlLifetime(seconds, max)) {
		const why = connection.sharedKey ? '' : " (Azure's limit for a user delegation SAS)";
		throw new InvalidNameError(
			expiryParameter,
			`Invalid ${expiryLabel}: ${seconds} must be a whole number from 1 to ${max}${why}`,
		);
	}

	const { BlobSASPermissions, SASProtocol, generateBlobSASQueryParameters } =
		await import('@azure/storage-blob');
	const now = Date.now();
	const expiresOn = new Date(now + seconds * 1000);
	const protocol = connection.endpoint.startsWith('http:')
		? SASProtocol.HttpsAndHttp
		: SASProtocol.Https;
	const values = {
		containerName: container,
		blobName: blob,
		permissions: BlobSASPermissions.parse(letters.join('')),
		expiresOn,
		protocol,
	};
	const blobUrl = connection.service
		.getContainerClient(container)
		.getBlobClient(blob)
		.url.split('?')[0];
	if (connection.sharedKey) {
		const query = generateBlobSASQueryParameters(values, connection.sharedKey).toString();
		return {
			url: `${blobUrl}?${query}`,
			expiresOn: expiresOn.toISOString(),
			permissions: letters.join(''),
			signedWith: 'accountKey',
		};
	}
	const context = {
		...baseContext(connection),
		container,
		blob,
		containerParameter: naming.containerParameter,
		blobParameter: naming.blobParameter,
	};
	const key = await azureCall(
		context,
		async () =>
			await connection.service.getUserDelegationKey(new Date(now - CLOCK_SKEW_MS), expiresOn),
	);
	const query = generateBlobSASQueryParameters(values, key, connection.accountName).toString();
	return {
		url: `${blobUrl}?${query}`,
		expiresOn: expiresOn.toISOString(),
		permissions: letters.join(''),
		signedWith: 'userDelegation',
	};
}
