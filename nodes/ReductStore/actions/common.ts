import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorValue } from '../../shared/node/parameters';
import { checkBucketName, checkEntryName } from '../validation';
import { listLocator } from '../../shared/node/description';

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
