import type {
	ContainerGetPropertiesResponse,
	ContainerItem,
	PublicAccessType,
} from '@azure/storage-blob';

import { ContainerAlreadyExistsError, ContainerNotEmptyError } from '../../errors';
import { followPages } from '../../pages';
import { baseContext, type AzureConnection } from './client';
import { azureCall } from './errors';
import { assertContainerName, lowerKeys } from './names';

/** A container as the Azure operations report it. */
export interface AzureContainerInfo {
	name: string;
	lastModified?: string;
	etag?: string;
	/** "none", "blob" (anonymous read of blobs) or "container" (anonymous read and list). */
	publicAccess: string;
	metadata: Record<string, string>;
	leaseState?: string;
	hasImmutabilityPolicy?: boolean;
	hasLegalHold?: boolean;
	[extra: string]: unknown;
}

export const PUBLIC_ACCESS_LEVELS = ['none', 'blob', 'container'] as const;
export type PublicAccessLevel = (typeof PUBLIC_ACCESS_LEVELS)[number];

/** Parameter names for errors; the Cloud Storage node's names by default. */
export interface ContainerParameter {
	parameter?: string;
	/** As n8n shows it, quotes included. */
	label?: string;
}

/** The most Azure returns in one List Containers / List Blobs page. */
export const MAX_PAGE_SIZE = 5000;

function iso(date: Date | undefined): string | undefined {
	return date ? date.toISOString() : undefined;
}

function fromItem(item: ContainerItem): AzureContainerInfo {
	return {
		name: item.name,
		lastModified: iso(item.properties.lastModified),
		etag: item.properties.etag,
		publicAccess: item.properties.publicAccess ?? 'none',
		metadata: lowerKeys(item.metadata),
		leaseState: item.properties.leaseState,
		hasImmutabilityPolicy: item.properties.hasImmutabilityPolicy,
		hasLegalHold: item.properties.hasLegalHold,
	};
}

function fromProperties(
	name: string,
	properties: ContainerGetPropertiesResponse,
): AzureContainerInfo {
	return {
		name,
		lastModified: iso(properties.lastModified),
		etag: properties.etag,
		publicAccess: properties.blobPublicAccess ?? 'none',
		metadata: lowerKeys(properties.metadata),
		leaseState: properties.leaseState,
		hasImmutabilityPolicy: properties.hasImmutabilityPolicy,
		hasLegalHold: properties.hasLegalHold,
	};
}

export interface ContainerPage {
	containers: AzureContainerInfo[];
	nextPageToken?: string;
}

/** One page of List Containers. */
export async function listContainersPage(
	connection: AzureConnection,
	options: {
		prefix?: string;
		pageSize?: number;
		pageToken?: string;
		includeMetadata?: boolean;
	} = {},
): Promise<ContainerPage> {
	return await azureCall(baseContext(connection), async () => {
		const pages = connection.service
			.listContainers({
				prefix: options.prefix || undefined,
				includeMetadata: options.includeMetadata,
			})
			.byPage({
				continuationToken: options.pageToken || undefined,
				maxPageSize: Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
			});
		const result = await pages.next();
		const value = result.done ? undefined : result.value;
		return {
			containers: (value?.containerItems ?? []).map(fromItem),
			nextPageToken: value?.continuationToken || undefined,
		};
	});
}

/** Every container (or the first `limit`), page by page. */
export async function listContainers(
	connection: AzureConnection,
	options: { prefix?: string; limit?: number; includeMetadata?: boolean } = {},
): Promise<AzureContainerInfo[]> {
	return await followPages(
		async (pageSize, pageToken) => {
			const page = await listContainersPage(connection, { ...options, pageSize, pageToken });
			return { entries: page.containers, nextPageToken: page.nextPageToken };
		},
		options.limit,
		MAX_PAGE_SIZE,
	);
}

export async function getContainerProperties(
	connection: AzureConnection,
	name: string,
	naming: ContainerParameter = {},
): Promise<AzureContainerInfo> {
	assertContainerName(name, naming.parameter, naming.label);
	return await azureCall(
		{ ...baseContext(connection), container: name, containerParameter: naming.parameter },
		async () =>
			fromProperties(name, await connection.service.getContainerClient(name).getProperties()),
	);
}

/**
 * Creates a container; with `ifNotExists` an existing one is left as it is (the seed's
 * ensure_container) and reported with `created: false`.
 */
export async function createContainer(
	connection: AzureConnection,
	name: string,
	options: {
		ifNotExists?: boolean;
		publicAccess?: PublicAccessLevel;
		metadata?: Record<string, string>;
	} = {},
	naming: ContainerParameter = {},
): Promise<{ created: boolean; container: AzureContainerInfo }> {
	assertContainerName(name, naming.parameter, naming.label);
	const context = {
		...baseContext(connection),
		container: name,
		containerParameter: naming.parameter,
	};
	const access =
		options.publicAccess && options.publicAccess !== 'none'
			? (options.publicAccess as PublicAccessType)
			: undefined;
	const client = connection.service.getContainerClient(name);
	const created = await azureCall(context, async () => {
		const response = await client.createIfNotExists({ access, metadata: options.metadata });
		return response.succeeded;
	});
	if (!created && !options.ifNotExists) {
		const error = new ContainerAlreadyExistsError(name);
		if (naming.parameter) (error as { parameter?: string }).parameter = naming.parameter;
		throw error;
	}
	return { created, container: await getContainerProperties(connection, name, naming) };
}

/** Replaces all of the container's metadata. */
export async function setContainerMetadata(
	connection: AzureConnection,
	name: string,
	metadata: Record<string, string>,
	naming: ContainerParameter = {},
): Promise<AzureContainerInfo> {
	assertContainerName(name, naming.parameter, naming.label);
	await azureCall(
		{ ...baseContext(connection), container: name, containerParameter: naming.parameter },
		async () => {
			await connection.service.getContainerClient(name).setMetadata(metadata);
		},
	);
	return await getContainerProperties(connection, name, naming);
}

/**
 * Deletes a container. Azure would delete one with all its blobs; unless `force`, a container
 * holding any blob (or snapshot) is refused with ContainerNotEmptyError instead.
 */
export async function deleteContainer(
	connection: AzureConnection,
	name: string,
	options: { force?: boolean } = {},
	naming: ContainerParameter = {},
): Promise<void> {
	assertContainerName(name, naming.parameter, naming.label);
	const context = {
		...baseContext(connection),
		container: name,
		containerParameter: naming.parameter,
	};
	const client = connection.service.getContainerClient(name);
	await azureCall(context, async () => {
		if (!options.force) {
			const result = await client
				.listBlobsFlat({ includeSnapshots: true })
				.byPage({ maxPageSize: 1 })
				.next();
			const value = result.done ? undefined : result.value;
			if ((value?.segment.blobItems.length ?? 0) > 0) {
				const error = new ContainerNotEmptyError(name);
				if (naming.parameter) (error as { parameter?: string }).parameter = naming.parameter;
				throw error;
			}
		}
		await client.delete();
	});
}
