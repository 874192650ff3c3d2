import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorValue } from '../../shared/node/parameters';
import { reductRequest } from '../transport';
import { checkBucketName, checkEntryName, parseTimestamp } from '../validation';
import { listLocator, optionsCollection } from '../../shared/node/description';

export { showFor, forOperation, returnAllAndLimit } from '../../shared/node/description';

export function bucketLocator(
	name = 'bucket',
	displayName = 'Bucket',
	description = 'The bucket to use',
): INodeProperties {
	return listLocator({
		name,
		displayName,
		description,
		searchMethod: 'searchBuckets',
		placeholder: 'e.g. sensors',
	});
}

export function entryLocator(): INodeProperties {
	return listLocator({
		name: 'entry',
		displayName: 'Entry',
		description:
			'The entry (a time series of records) in the bucket; names may be paths like robot/cam-1',
		searchMethod: 'searchEntries',
		placeholder: 'e.g. temperature',
	});
}

export function labelsParameter(
	displayName = 'Labels',
	description = 'Labels to attach to the record',
): INodeProperties {
	return {
		displayName,
		name: 'labels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add label',
		description,
		options: [
			{
				displayName: 'Label',
				name: 'label',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. sensor',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. kitchen',
					},
				],
			},
		],
	};
}

export const whenParameter: INodeProperties = {
	displayName: 'When Condition',
	name: 'when',
	type: 'json',
	default: '',
	placeholder: '{"&score": {"$gt": 10}}',
	description:
		'A conditional query (JSON) on labels and timestamps, e.g. {"&sensor": {"$eq": "kitchen"}}. Leave empty for all records. See ReductStore\'s conditional query reference.',
};

/** The bucket of the current item, checked. */
export function getBucket(ctx: IExecuteFunctions, itemIndex: number, parameter = 'bucket'): string {
	return checkBucketName(
		ctx.getNode(),
		getLocatorValue(ctx, parameter, itemIndex),
		parameter,
		itemIndex,
	);
}

/** The entry of the current item, checked. */
export function getEntry(ctx: IExecuteFunctions, itemIndex: number): string {
	return checkEntryName(
		ctx.getNode(),
		getLocatorValue(ctx, 'entry', itemIndex),
		'entry',
		itemIndex,
	);
}

/**
 * The output of a record read: the binary field for the content, then the options, "Only
 * Metadata" first. `field` and `onlyMetadata` are their help texts.
 */
export function recordOutput(texts: {
	field: string;
	onlyMetadata: string;
	options?: INodeProperties[];
}): INodeProperties[] {
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: texts.field,
		},
		optionsCollection([
			{
				displayName: 'Only Metadata',
				name: 'onlyMetadata',
				type: 'boolean',
				default: false,
				description: texts.onlyMetadata,
			},
			...(texts.options ?? []),
		]),
	];
}

/** The exact timestamp of one record; `description` says how it may be written. */
export function recordTimestampParameter(
	description = 'The exact timestamp of the record: an ISO 8601 date or microseconds since 1970',
): INodeProperties {
	return {
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2026-01-31T12:00:00.123456Z or 1769860800123456',
		description,
	};
}

/** The record's exact timestamp in microseconds ("now" is not a record's time). */
export function getRecordTimestamp(ctx: IExecuteFunctions, itemIndex: number): bigint {
	return parseTimestamp(
		ctx.getNode(),
		ctx.getNodeParameter('timestamp', itemIndex, ''),
		'timestamp',
		itemIndex,
		{ allowNow: false },
	);
}

/** PUT <path>/rename {"new_name"}: how ReductStore renames a bucket or an entry. */
export async function renameAt(
	ctx: IExecuteFunctions,
	path: string,
	newName: string,
): Promise<void> {
	await reductRequest(ctx, { method: 'PUT', path: `${path}/rename`, body: { new_name: newName } });
}
