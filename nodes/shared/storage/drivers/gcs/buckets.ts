import type { ContainerInfo } from '../../driver';
import { StorageError } from '../../errors';
import type { GcsClient } from './client';
import { toGcsError, type GcsErrorContext } from './errors';
import { bucketOf, gcsCall } from './handles';
import { assertBucketName } from './names';
import { eachPage } from '../../pages';
import { bucketInfo, DEFAULT_PAGE_SIZE, followPages } from './shapes';

export interface BucketPage {
	buckets: ContainerInfo[];
	nextPageToken?: string;
}

export async function listBucketsPage(
	client: GcsClient,
	options: { pageSize?: number; pageToken?: string; prefix?: string } = {},
): Promise<BucketPage> {
	return await gcsCall(
		async () => {
			const [buckets, , response] = await client.storage.getBuckets({
				autoPaginate: false,
				maxResults: options.pageSize ?? DEFAULT_PAGE_SIZE,
				pageToken: options.pageToken,
				prefix: options.prefix || undefined,
			});
			const next = (response as { nextPageToken?: string } | undefined)?.nextPageToken;
			return {
				buckets: buckets.map((bucket) => bucketInfo(bucket.metadata, bucket.name)),
				nextPageToken: next || undefined,
			};
		},
		{ config: client.config },
	);
}

/** Every bucket (or the first `limit`), following pages. */
export async function listBuckets(
	client: GcsClient,
	options: { limit?: number; prefix?: string } = {},
): Promise<ContainerInfo[]> {
	return await followPages(async (pageSize, pageToken) => {
		const page = await listBucketsPage(client, { pageSize, pageToken, prefix: options.prefix });
		return { entries: page.buckets, nextPageToken: page.nextPageToken };
	}, options.limit);
}

export async function getBucket(
	client: GcsClient,
	name: string,
	parameter = 'container',
): Promise<ContainerInfo> {
	const bucket = bucketOf(client, name, parameter);
	return await gcsCall(async () => bucketInfo((await bucket.getMetadata())[0], name), {
		config: client.config,
		bucket: name,
		bucketParameter: parameter,
	});
}

export interface CreateBucketOptions {
	/** e.g. US, EU, europe-west1; the service's default (US) when absent */
	location?: string;
	/** STANDARD, NEARLINE, COLDLINE, ARCHIVE; the service's default (STANDARD) when absent */
	storageClass?: string;
	ifNotExists?: boolean;
	parameter?: string;
}

export async function createBucket(
	client: GcsClient,
	name: string,
	options: CreateBucketOptions = {},
) {
	const parameter = options.parameter ?? 'container';
	assertBucketName(name, parameter);
	const metadata: Record<string, string> = {};
	if (options.location) metadata.location = options.location.trim();
	if (options.storageClass) metadata.storageClass = options.storageClass.trim().toUpperCase();
	try {
		const [bucket] = await client.storage.createBucket(name, metadata);
		return { created: true, container: bucketInfo(bucket.metadata, name) };
	} catch (error) {
		const mapped = toGcsError(error, {
			config: client.config,
			bucket: name,
			bucketParameter: parameter,
			conflict: 'exists',
		});
		if (
			!options.ifNotExists ||
			!(mapped instanceof StorageError) ||
			mapped.code !== 'ContainerAlreadyExists'
		)
			throw mapped;
		return { created: false, container: await getBucket(client, name, parameter) };
	}
}

/** Deletes a bucket; a non-empty one only with `force`, which deletes every object (and version) first. */
export async function deleteBucket(
	client: GcsClient,
	name: string,
	options: { force?: boolean; parameter?: string } = {},
) {
	const parameter = options.parameter ?? 'container';
	const bucket = bucketOf(client, name, parameter);
	const context: GcsErrorContext = {
		config: client.config,
		bucket: name,
		bucketParameter: parameter,
		conflict: 'notEmpty',
	};
	if (options.force) {
		const pages = eachPage(async (maxResults, pageToken) => {
			const [files, , response] = await gcsCall(
				() => bucket.getFiles({ autoPaginate: false, maxResults, pageToken, versions: true }),
				context,
			);
			const next = (response as { nextPageToken?: string } | undefined)?.nextPageToken;
			return { entries: files, nextPageToken: next || undefined };
		});
		for await (const files of pages) {
			for (const file of files) {
				const generation = file.metadata.generation;
				const target = generation === undefined ? file : bucket.file(file.name, { generation });
				await gcsCall(() => target.delete({ ignoreNotFound: true }), {
					...context,
					key: file.name,
				});
			}
		}
	}
	await gcsCall(() => bucket.delete(), context);
}
