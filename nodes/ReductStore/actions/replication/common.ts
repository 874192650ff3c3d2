import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpointProblem } from '../../../shared/transport/endpoint';
import {
	checkBucketName,
	checkEntryName,
	checkPlainName,
	invalid,
	parseList,
	parseWhen,
} from '../../validation';

export const replicationName: INodeProperties = {
	displayName: 'Replication Name',
	name: 'replicationName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. to-cloud',
	description: 'The name of the replication task',
};

export function getReplicationName(ctx: IExecuteFunctions, itemIndex: number): string {
	return checkPlainName(
		ctx.getNode(),
		ctx.getNodeParameter('replicationName', itemIndex),
		'replicationName',
		itemIndex,
	);
}

export function replicationPath(name: string): string {
	return `/replications/${encodeURIComponent(name)}`;
}

export const MODES = [
	{ name: 'Enabled', value: 'enabled', description: 'Replicate new records' },
	{ name: 'Paused', value: 'paused', description: 'Collect new records without sending them' },
	{ name: 'Disabled', value: 'disabled', description: 'Ignore new records' },
];

/** The optional settings of a task (create: "Options", update: part of "Update Fields"). */
export const optionalSettings: INodeProperties[] = [
	{
		displayName: 'Compression',
		name: 'compression',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Gzip', value: 'gzip' },
			{ name: 'Zstd', value: 'zstd' },
		],
		default: 'none',
		description: 'Compression of the replicated batches (ReductStore 1.21+)',
	},
	{
		displayName: 'Destination Entry Prefix',
		name: 'dstPrefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. robot-1',
		description: 'Prepended to entry names at the destination (ReductStore 1.21+)',
	},
	{
		displayName: 'Destination Token',
		name: 'dstToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'A token of the destination server with write access to its bucket. The server never returns it: an update without it leaves the task without one.',
	},
	{
		displayName: 'Entries',
		name: 'entries',
		type: 'string',
		default: '',
		placeholder: 'e.g. cam-*, lidar',
		description: 'Comma-separated entries (or patterns ending with *) to replicate; empty for all',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: MODES,
		default: 'enabled',
	},
	{
		displayName: 'When Condition',
		name: 'when',
		type: 'json',
		default: '',
		placeholder: '{"&score": {"$gt": 10}}',
		description: 'Replicate only records matching this conditional query (JSON)',
	},
];

export const requiredSettings: INodeProperties[] = [
	{
		displayName: 'Destination Server URL',
		name: 'dstHost',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://reduct.example.com',
		description: 'The ReductStore server to replicate to',
	},
	{
		displayName: 'Destination Bucket',
		name: 'dstBucket',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. sensors-copy',
		description: 'The bucket on the destination server; it must exist',
	},
];

/** Checks the settings given (camelCase parameter values) and maps them to the API's fields. */
export function toApiSettings(
	ctx: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
): IDataObject {
	const node = ctx.getNode();
	const settings: IDataObject = {};
	if (values.srcBucket !== undefined)
		settings.src_bucket = checkBucketName(node, values.srcBucket, 'srcBucket', itemIndex);
	if (values.dstBucket !== undefined)
		settings.dst_bucket = checkBucketName(node, values.dstBucket, 'dstBucket', itemIndex);
	if (values.dstHost !== undefined) {
		const host = String(values.dstHost).trim();
		// The source server sends the destination token to this address: the pack's endpoint rule.
		const problem = endpointProblem(host, {
			label: 'the address',
			sendsSecret: values.dstToken !== undefined && values.dstToken !== '',
		});
		if (problem) throw invalid(node, 'dstHost', problem, itemIndex);
		settings.dst_host = host.replace(/\/+$/, '');
	}
	if (values.dstToken !== undefined && values.dstToken !== '')
		settings.dst_token = String(values.dstToken);
	if (values.entries !== undefined) {
		settings.entries = parseList(values.entries).map((entry) =>
			entry.endsWith('*') ? entry : checkEntryName(node, entry, 'entries', itemIndex),
		);
	}
	if (values.dstPrefix !== undefined && values.dstPrefix !== '') {
		settings.dst_prefix = checkEntryName(node, values.dstPrefix, 'dstPrefix', itemIndex);
	}
	if (values.compression !== undefined) settings.compression = values.compression;
	if (values.mode !== undefined) settings.mode = values.mode;
	if (values.when !== undefined)
		settings.when = parseWhen(node, values.when, 'when', itemIndex) ?? null;
	return settings;
}
