import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { nameOf } from '../../shared/node/errors';
import { getLocatorValue } from '../../shared/node/parameters';
import { StorageError } from '../../shared/storage/errors';
import {
	assertBucketName,
	assertS3Key,
	parseMetadata,
	parseTags,
	type S3Service,
	type S3WriteOptions,
} from '../../shared/storage/drivers/s3';
import { contentHeaderOptions } from '../../shared/node/description';
import { storageLocators } from '../../shared/node/storageLocators';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

/** What every operation of the S3 node receives: the item and one client for the whole run. */
export type S3Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	s3: S3Service,
) => Promise<unknown>;

export const { containerLocator: bucketLocator, objectLocator: keyLocator } = storageLocators({
	container: {
		name: 'bucket',
		displayName: 'Bucket',
		description: 'The bucket to use',
		searchMethod: 'searchBuckets',
		placeholder: 'e.g. my-reports',
	},
	object: {
		name: 'key',
		displayName: 'Key',
		description: "The object's key (its path in the bucket, e.g. reports/2026/summary.pdf)",
		searchMethods: { own: 'searchObjects', source: 'searchSourceObjects' },
		typedMode: 'key',
	},
});

/** A bucket locator's value, checked against the rules for existing buckets. */
export function getBucket(ctx: IExecuteFunctions, itemIndex: number, name = 'bucket'): string {
	const bucket = getLocatorValue(ctx, name, itemIndex);
	assertBucketName(bucket, nameOf(ctx.getNode(), name));
	return bucket;
}

/** A key locator's (or string parameter's) value, checked against the key rules. */
export function getKey(ctx: IExecuteFunctions, itemIndex: number, name = 'key'): string {
	const key = getLocatorValue(ctx, name, itemIndex);
	assertS3Key(key, nameOf(ctx.getNode(), name));
	return key;
}

/** A bad-input error naming the parameter as this node shows it. */
export { invalidParameter as invalid } from '../../shared/node/errors';

/** A message of the shared S3 code (container, key) in the S3 node's words (bucket). */
export function inBucketWords(message: string): string {
	return message.replace(/\bContainer "/g, 'Bucket "').replace(/\bcontainer "/g, 'bucket "');
}

/**
 * The shared S3 code speaks the storage interface's words ("container"); the S3 node's user
 * sees "Bucket". Typed errors keep their code and parameter, in the node's words.
 */
export function inBucketTerms(error: unknown): unknown {
	if (!(error instanceof StorageError)) return error;
	const message = inBucketWords(error.message);
	if (message === error.message) return error;
	const worded = new StorageError(error.code, message, error.parameter);
	worded.hint = error.hint;
	return worded;
}

/** The option lists several operations share. */
export const STORAGE_CLASS_OPTIONS = [
	{ name: 'Standard', value: 'STANDARD' },
	{ name: 'Standard - Infrequent Access', value: 'STANDARD_IA' },
	{ name: 'One Zone - Infrequent Access', value: 'ONEZONE_IA' },
	{ name: 'Intelligent-Tiering', value: 'INTELLIGENT_TIERING' },
	{ name: 'Glacier Instant Retrieval', value: 'GLACIER_IR' },
	{ name: 'Glacier Flexible Retrieval', value: 'GLACIER' },
	{ name: 'Glacier Deep Archive', value: 'DEEP_ARCHIVE' },
	{ name: 'Reduced Redundancy', value: 'REDUCED_REDUNDANCY' },
];

export const ACL_OPTIONS = [
	{ name: 'Private', value: 'private' },
	{ name: 'Public Read', value: 'public-read' },
	{ name: 'Public Read-Write', value: 'public-read-write' },
	{ name: 'Authenticated Read', value: 'authenticated-read' },
	{ name: 'AWS Exec Read', value: 'aws-exec-read' },
	{ name: 'Bucket Owner Read', value: 'bucket-owner-read' },
	{ name: 'Bucket Owner Full Control', value: 'bucket-owner-full-control' },
];

/** Options of every write (upload, upload data, copy with replaced metadata). */
export const WRITE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'ACL',
		name: 'acl',
		type: 'options',
		options: ACL_OPTIONS,
		default: 'private',
		description: 'Canned access control list of the object',
	},
	...contentHeaderOptions("The object's MIME type"),
	{
		displayName: 'KMS Key ID',
		name: 'kmsKeyId',
		type: 'string',
		default: '',
		description:
			'The KMS key to encrypt with, for AWS KMS encryption; empty for the AWS managed key',
	},
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description:
			'User metadata as a JSON object of text values, e.g. {"project": "alpha"} (sent as x-amz-meta-* headers)',
	},
	{
		displayName: 'Server-Side Encryption',
		name: 'serverSideEncryption',
		type: 'options',
		options: [
			{ name: 'None (Bucket Default)', value: '' },
			{ name: 'S3 Managed Keys (AES256)', value: 'AES256' },
			{ name: 'AWS KMS', value: 'aws:kms' },
			{ name: 'AWS KMS, Dual-Layer (DSSE)', value: 'aws:kms:dsse' },
		],
		default: '',
	},
	{
		displayName: 'Storage Class',
		name: 'storageClass',
		type: 'options',
		options: STORAGE_CLASS_OPTIONS,
		default: 'STANDARD',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'json',
		default: '{}',
		description: 'Object tags as a JSON object, e.g. {"team": "data"}: at most 10',
	},
];

export interface WriteOptionValues {
	acl?: string;
	cacheControl?: string;
	contentDisposition?: string;
	contentType?: string;
	kmsKeyId?: string;
	metadata?: unknown;
	serverSideEncryption?: string;
	storageClass?: string;
	tags?: unknown;
}

/** The write options of a collection, validated (metadata and tags parsed) before anything is sent. */
export function readWriteOptions(values: WriteOptionValues): S3WriteOptions {
	return {
		acl: values.acl || undefined,
		cacheControl: values.cacheControl?.trim() || undefined,
		contentDisposition: values.contentDisposition?.trim() || undefined,
		contentType: values.contentType?.trim() || undefined,
		kmsKeyId: values.kmsKeyId?.trim() || undefined,
		metadata: values.metadata === undefined ? undefined : parseMetadata(values.metadata),
		serverSideEncryption: values.serverSideEncryption || undefined,
		storageClass: values.storageClass || undefined,
		tags: values.tags === undefined ? undefined : parseTags(values.tags),
	};
}

/** The shared layer's `container` is the S3 node's `bucket`. */
export function asBucketItem<T extends { container?: string }>(
	info: T,
): Omit<T, 'container'> & { bucket?: string } {
	const { container, ...rest } = info;
	return { bucket: container, ...rest };
}
