import type { IExecuteFunctions } from 'n8n-workflow';

import { metaFromHeaders, recordJson } from '../../records';
import { entryPath, reductRequest, reductRequestFull } from '../../transport';
import { checkLabels, invalid, labelEntries, labelHeaders, parseList } from '../../validation';
import {
	bucketLocator,
	entryLocator,
	forOperation,
	getBucket,
	getEntry,
	getRecordTimestamp,
	recordTimestampParameter,
	labelsParameter,
	showFor,
} from '../common';

const displayOptions = showFor('record', 'updateLabels');

export const description = forOperation(displayOptions, [
	bucketLocator(),
	entryLocator(),
	recordTimestampParameter(),
	labelsParameter('Labels to Set', 'Labels to add or change; the others keep their values'),
	{
		displayName: 'Labels to Remove',
		name: 'removeLabels',
		type: 'string',
		default: '',
		placeholder: 'e.g. draft, reviewer',
		description: 'Comma-separated names of labels to remove from the record',
	},
]);

/**
 * PATCH /b/:bucket/:entry?ts= with `x-reduct-label-<name>` headers (an empty value removes the
 * label); the record's content never changes. Returns the record's metadata afterwards.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const bucket = getBucket(this, itemIndex);
	const entry = getEntry(this, itemIndex);
	const ts = getRecordTimestamp(this, itemIndex);
	const set = checkLabels(
		node,
		labelEntries(this.getNodeParameter('labels', itemIndex, {})),
		'labels',
		itemIndex,
	);
	const remove = parseList(this.getNodeParameter('removeLabels', itemIndex, ''));
	const removals = checkLabels(
		node,
		remove.map((name) => ({ name, value: '' })),
		'removeLabels',
		itemIndex,
		{ allowEmpty: true },
	);
	for (const name of Object.keys(removals)) {
		if (Object.hasOwn(set, name)) {
			throw invalid(node, 'removeLabels', `label "${name}" is both set and removed`, itemIndex);
		}
	}
	if (Object.keys(set).length + Object.keys(removals).length === 0) {
		throw invalid(node, 'labels', 'add a label to set or name one to remove', itemIndex);
	}
	const path = entryPath(bucket, entry);
	const qs = { ts: ts.toString() };
	await reductRequest(this, {
		method: 'PATCH',
		path,
		qs,
		headers: labelHeaders({ ...set, ...removals }),
	});
	const head = await reductRequestFull(this, { method: 'HEAD', path, qs });
	return recordJson(metaFromHeaders(bucket, entry, head.headers));
}
