import type { ICredentialDataDecryptedObject, INodePropertyOptions } from 'n8n-workflow';

import type { CloudRequestContext } from '../transport/request';
import type { StorageDriver } from './driver';
import type { FileAccessRules } from '../host/fileAccess';

/** What a backend may ask of n8n while it builds its driver. */
export interface DriverHost {
	/**
	 * n8n's file-access rules as the calling context knows them (n8n's own helper where the
	 * context offers it). Absent: the rules are read from the n8n server's settings.
	 */
	fileAccess?: FileAccessRules;
	/**
	 * The n8n context, for drivers whose requests go through the shared transport and n8n's
	 * credential mechanism (token renewal): Swift.
	 */
	context?: CloudRequestContext;
}

/**
 * A storage backend of the Cloud Storage node: the credential that selects it and a
 * factory that loads its driver lazily (SDKs stay out of n8n's start-up).
 * A new backend is one entry here; the Cloud Storage node reads this list and needs no change.
 */
export interface StorageBackend {
	value: string;
	name: string;
	description: string;
	credentialType: string;
	createDriver(
		credentials: ICredentialDataDecryptedObject,
		host: DriverHost,
	): Promise<StorageDriver>;
}

export const STORAGE_BACKENDS: StorageBackend[] = [
	{
		value: 'local',
		name: 'Local Filesystem',
		description: 'A folder on the n8n server; containers are its sub-folders',
		credentialType: 'cloudPackLocalStorageApi',
		async createDriver(credentials, host) {
			const root = String(credentials.rootDirectory ?? '').trim();
			const { LocalStorageDriver } = await import('./drivers/local/driver');
			const driver = new LocalStorageDriver(root, host.fileAccess);
			// The root is checked now, so that a forbidden or missing root fails every item alike.
			await driver.open();
			return driver;
		},
	},
	{
		value: 'azure',
		name: 'Azure Blob Storage',
		description: 'Containers and blobs of an Azure storage account (or Azurite)',
		credentialType: 'cloudPackAzureBlobApi',
		async createDriver(credentials) {
			const { AzureStorageDriver } = await import('./drivers/azure/driver');
			return await AzureStorageDriver.fromCredentials(credentials);
		},
	},
	{
		value: 'gcs',
		name: 'Google Cloud Storage',
		description: 'Buckets of Google Cloud Storage (or a GCS emulator), with a service-account key',
		credentialType: 'cloudPackGoogleCloudStorageApi',
		async createDriver(credentials) {
			const { createGcsClient, parseGcsCredential } = await import('./drivers/gcs/client');
			const { GcsStorageDriver } = await import('./drivers/gcs/driver');
			return new GcsStorageDriver(await createGcsClient(parseGcsCredential(credentials)));
		},
	},
	{
		value: 's3',
		name: 'S3',
		description: 'Amazon S3, Infomaniak or any S3-compatible object storage',
		credentialType: 'cloudPackS3Api',
		async createDriver(credentials) {
			const { S3Service, S3StorageDriver } = await import('./drivers/s3');
			return new S3StorageDriver(await S3Service.fromCredential(credentials));
		},
	},
	{
		value: 'swift',
		name: 'OpenStack Swift',
		description: 'OpenStack Object Storage (Infomaniak Public Cloud or any OpenStack cloud)',
		credentialType: 'cloudPackOpenStackApi',
		async createDriver(_credentials, host) {
			if (!host.context) throw new Error('The Swift backend needs an n8n context to send requests');
			const { SwiftClient } = await import('./drivers/swift/client');
			const { SwiftStorageDriver } = await import('./drivers/swift/driver');
			return new SwiftStorageDriver(new SwiftClient(host.context));
		},
	},
];

export function findBackend(value: unknown): StorageBackend | undefined {
	return STORAGE_BACKENDS.find((backend) => backend.value === value);
}

export const BACKEND_OPTIONS: INodePropertyOptions[] = STORAGE_BACKENDS.map((backend) => ({
	name: backend.name,
	value: backend.value,
	description: backend.description,
}));
