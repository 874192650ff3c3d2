import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readExpectedMd5 } from '../../../shared/storage/md5';
import { getIntegerOption, trimmed } from '../../../shared/node/parameters';
import { expectedMd5Option } from '../../../shared/node/upload';
import {
	MAX_CONCURRENCY,
	MAX_SEGMENT_SIZE,
	MIB,
	MIN_SEGMENT_SIZE,
	type SwiftUploadOptions,
} from '../../../shared/storage/drivers/swift/upload';
import { getMetadata, metadataParameter } from '../common';

/** Ten years: Swift accepts any expiry, but a typo of a few zeros should not pass unnoticed. */
export const MAX_DELETE_AFTER_SECONDS = 10 * 365 * 24 * 3600;

/** Options of every write: content type, metadata, expiry. */
export const writeOptions: INodeProperties[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'string',
		default: '',
		placeholder: 'e.g. application/pdf',
		description: "The object's MIME type; by default the binary data's",
	},
	{
		displayName: 'Delete After (Seconds)',
		name: 'deleteAfter',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 86400,
		description: 'Swift deletes the object this many seconds after the upload (X-Delete-After)',
	},
	metadataParameter(),
];

/** Options of binary uploads: the above, the MD5 check and the large-object settings. */
export const uploadOptions: INodeProperties[] = [
	...writeOptions,
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		default: 3, // DEFAULT_CONCURRENCY (a unit test keeps them equal)
		description:
			'How many segments of a large object are sent at once (each holds a segment in memory)',
	},
	expectedMd5Option,
	{
		displayName: 'Segment Container',
		name: 'segmentContainer',
		type: 'string',
		default: '',
		placeholder: 'e.g. backups_segments',
		description:
			'Where the segments of a large object go; by default the container\'s name + "_segments"',
	},
	{
		displayName: 'Segment Size (MiB)',
		name: 'segmentSizeMiB',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_SEGMENT_SIZE / MIB },
		default: 8, // DEFAULT_SEGMENT_SIZE in MiB (a unit test keeps them equal)
		description:
			'Files above this size become a Static Large Object, uploaded in segments of this size; smaller ones go in one request',
	},
];

type Options = {
	contentType?: string;
	expectedMd5?: string;
	segmentContainer?: string;
};

/** The write options of an item, validated before anything is read or sent. */
export function readUploadOptions(ctx: IExecuteFunctions, itemIndex: number): SwiftUploadOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Options &
		Record<string, unknown>;
	const read = (name: string, min: number, max: number) =>
		getIntegerOption(ctx, options, name, itemIndex, { min, max });
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const segmentSizeMiB = read('segmentSizeMiB', MIN_SEGMENT_SIZE / MIB, MAX_SEGMENT_SIZE / MIB);
	return {
		contentType: trimmed(options.contentType),
		metadata: getMetadata(ctx, itemIndex),
		deleteAfter: read('deleteAfter', 1, MAX_DELETE_AFTER_SECONDS),
		expectedMd5,
		concurrency: read('concurrency', 1, MAX_CONCURRENCY),
		segmentSize: segmentSizeMiB === undefined ? undefined : segmentSizeMiB * MIB,
		segmentContainer: trimmed(options.segmentContainer),
	};
}
