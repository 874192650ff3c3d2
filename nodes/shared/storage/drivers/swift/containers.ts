import type { IDataObject } from 'n8n-workflow';

import { httpStatusOf } from '../../../openstack/request';
import { ContainerAlreadyExistsError, ContainerNotEmptyError } from '../../errors';
import { emptyContainer } from './bulk';
import {
	intHeader,
	isoFromTimestamp,
	isoTime,
	metadataFrom,
	metadataHeaders,
	type SwiftClient,
} from './client';

/** Metadata names that hold secrets (temporary-URL keys): never output, never echoed. */
export const SECRET_METADATA = ['temp-url-key', 'temp-url-key-2'];

export interface SwiftAccountInfo extends IDataObject {
	containerCount?: number;
	objectCount?: number;
	bytesUsed?: number;
	/** Account quota (account_quotas middleware), when set. */
	quotaBytes?: number;
	metadata: Record<string, string>;
	/** Whether a temporary-URL key is set (its value is never shown). */
	tempUrlKeySet: boolean;
	storagePolicies: Record<
		string,
		{ containerCount?: number; objectCount?: number; bytesUsed?: number }
	>;
	createdAt?: string;
}

export interface SwiftContainerInfo extends IDataObject {
	name: string;
	objectCount?: number;
	bytesUsed?: number;
	lastModified?: string;
	createdAt?: string;
	storagePolicy?: string;
	metadata?: Record<string, string>;
	quotaBytes?: number;
	quotaCount?: number;
	readAcl?: string;
	writeAcl?: string;
	tempUrlKeySet?: boolean;
}

export async function getAccount(swift: SwiftClient): Promise<SwiftAccountInfo> {
	const { headers } = await swift.call({ method: 'HEAD', path: '' });
	const storagePolicies: SwiftAccountInfo['storagePolicies'] = {};
	for (const [name, value] of Object.entries(headers)) {
		const match = /^x-account-storage-policy-(.+)-(container-count|object-count|bytes-used)$/.exec(
			name,
		);
		if (!match) continue;
		const policy = (storagePolicies[match[1]] ??= {});
		const figure = Number(value);
		if (match[2] === 'container-count') policy.containerCount = figure;
		else if (match[2] === 'object-count') policy.objectCount = figure;
		else policy.bytesUsed = figure;
	}
	const metadata = metadataFrom(headers, 'account', [...SECRET_METADATA, 'quota-bytes']);
	return {
		containerCount: intHeader(headers, 'x-account-container-count'),
		objectCount: intHeader(headers, 'x-account-object-count'),
		bytesUsed: intHeader(headers, 'x-account-bytes-used'),
		quotaBytes: intHeader(headers, 'x-account-meta-quota-bytes'),
		metadata,
		tempUrlKeySet: SECRET_METADATA.some((name) => headers[`x-account-meta-${name}`] !== undefined),
		storagePolicies,
		createdAt: isoFromTimestamp(headers['x-timestamp']),
	};
}

interface ContainerListEntry {
	name: string;
	count?: number;
	bytes?: number;
	last_modified?: string;
}

function fromListing(entry: ContainerListEntry): SwiftContainerInfo {
	return {
		name: entry.name,
		objectCount: entry.count,
		bytesUsed: entry.bytes,
		lastModified: isoTime(entry.last_modified),
	};
}

export async function listContainers(
	swift: SwiftClient,
	options: { prefix?: string; limit?: number } = {},
): Promise<SwiftContainerInfo[]> {
	const entries = await swift.listAll<ContainerListEntry>(
		'',
		options.prefix ? { prefix: options.prefix } : {},
		options.limit,
	);
	return entries.map(fromListing);
}

/** One page of containers whose names start with `prefix`, after `marker` (pickers). */
export async function containerPage(
	swift: SwiftClient,
	options: { prefix?: string; marker?: string; limit: number },
): Promise<{ containers: SwiftContainerInfo[]; nextMarker?: string }> {
	const entries = await swift.listPage<ContainerListEntry>('', {
		limit: options.limit,
		...(options.prefix ? { prefix: options.prefix } : {}),
		...(options.marker ? { marker: options.marker } : {}),
	});
	return {
		containers: entries.map(fromListing),
		nextMarker: entries.length >= options.limit ? entries[entries.length - 1].name : undefined,
	};
}

export function describeContainer(
	name: string,
	headers: Record<string, string>,
): SwiftContainerInfo {
	return {
		name,
		objectCount: intHeader(headers, 'x-container-object-count'),
		bytesUsed: intHeader(headers, 'x-container-bytes-used'),
		createdAt: isoFromTimestamp(headers['x-timestamp']),
		lastModified: isoTime(headers['last-modified']),
		storagePolicy: headers['x-storage-policy'],
		metadata: metadataFrom(headers, 'container', [
			...SECRET_METADATA,
			'quota-bytes',
			'quota-count',
		]),
		quotaBytes: intHeader(headers, 'x-container-meta-quota-bytes'),
		quotaCount: intHeader(headers, 'x-container-meta-quota-count'),
		readAcl: headers['x-container-read'],
		writeAcl: headers['x-container-write'],
		tempUrlKeySet: SECRET_METADATA.some((key) => headers[`x-container-meta-${key}`] !== undefined),
	};
}

export async function getContainer(swift: SwiftClient, name: string): Promise<SwiftContainerInfo> {
	const { headers } = await swift.inContainer(
		name,
		async () => await swift.call({ method: 'HEAD', path: swift.path(name) }),
	);
	return describeContainer(name, headers);
}

/** The container's info when it exists, undefined when Swift answers 404. */
export async function containerExists(
	swift: SwiftClient,
	name: string,
): Promise<SwiftContainerInfo | undefined> {
	try {
		const { headers } = await swift.call({ method: 'HEAD', path: swift.path(name) });
		return describeContainer(name, headers);
	} catch (error) {
		if (httpStatusOf(error) === 404) return undefined;
		throw error;
	}
}

export interface CreateContainerOptions {
	metadata?: Record<string, string>;
	storagePolicy?: string;
	/** An existing container is a success (left as it is), not an error. */
	ifNotExists?: boolean;
}

export async function createContainer(
	swift: SwiftClient,
	name: string,
	options: CreateContainerOptions = {},
): Promise<{ created: boolean; container: SwiftContainerInfo }> {
	const existing = await containerExists(swift, name);
	if (existing) {
		if (!options.ifNotExists) throw new ContainerAlreadyExistsError(name);
		return { created: false, container: existing };
	}
	const { statusCode } = await swift.call({
		method: 'PUT',
		path: swift.path(name),
		headers: {
			'Content-Length': '0',
			...metadataHeaders(options.metadata, 'container'),
			...(options.storagePolicy ? { 'X-Storage-Policy': options.storagePolicy } : {}),
		},
	});
	if (statusCode === 202 && !options.ifNotExists) throw new ContainerAlreadyExistsError(name);
	return { created: statusCode === 201, container: await getContainer(swift, name) };
}

/** Sets metadata entries and removes others, leaving the rest as it is. */
export async function updateContainerMetadata(
	swift: SwiftClient,
	name: string,
	change: { set?: Record<string, string>; remove?: string[] },
): Promise<SwiftContainerInfo> {
	const headers: Record<string, string> = { ...metadataHeaders(change.set, 'container') };
	for (const key of change.remove ?? []) headers[`X-Remove-Container-Meta-${key}`] = '1';
	await swift.inContainer(
		name,
		async () => await swift.call({ method: 'POST', path: swift.path(name), headers }),
	);
	return await getContainer(swift, name);
}

/**
 * Deletes a container. A non-empty one is refused unless `force`, which first empties it with
 * bulk deletes (large objects with their segments).
 */
export async function deleteContainer(
	swift: SwiftClient,
	name: string,
	options: { force?: boolean } = {},
): Promise<{ deleted: true; objectsDeleted: number }> {
	let objectsDeleted = 0;
	for (let attempt = 1; ; attempt++) {
		try {
			await swift.inContainer(
				name,
				async () => await swift.call({ method: 'DELETE', path: swift.path(name) }),
			);
			return { deleted: true, objectsDeleted };
		} catch (error) {
			if (httpStatusOf(error) !== 409) throw error;
			if (!options.force) throw new ContainerNotEmptyError(name);
			// Listings can lag behind deletes on a busy cluster: empty again, a few times.
			if (attempt > 3) throw error;
			objectsDeleted += await emptyContainer(swift, name);
		}
	}
}
