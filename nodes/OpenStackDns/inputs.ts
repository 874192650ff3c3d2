import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collection } from '../shared/node/description';
import { parameterError } from '../shared/node/errors';
import { getInteger } from '../shared/node/parameters';
import type { Fail } from './names';
import {
	isRecordType,
	normaliseRecords,
	RECORD_FORMATS,
	RECORD_TYPES,
	type RecordType,
} from './records';

/** Reading and checking the DNS node's own parameters; errors name them as n8n shows them. */

/** Runs a name or record check whose problems become an error naming the parameter. */
export function checked<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	check: (fail: Fail) => T,
): T {
	return check((problem) => {
		throw parameterError(ctx.getNode(), label, problem, itemIndex, label);
	});
}

/** Designate's TTL range (designate/objects: 0 to 2^31 - 1 seconds). */
export const MAX_TTL = 2147483647;

export const ttlOption: INodeProperties = {
	displayName: 'TTL (Seconds)',
	name: 'ttl',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_TTL },
	default: 3600,
	description: 'How long resolvers may cache the answer, from 0 to 2147483647 seconds',
};

export function getTtl(ctx: IExecuteFunctions, path: string, itemIndex: number): number {
	return getInteger(ctx, path, itemIndex, { min: 0, max: MAX_TTL, label: 'TTL (Seconds)' });
}

export const recordTypeParameter: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: RECORD_TYPES.map((type) => ({
		name: type,
		value: type,
		description: RECORD_FORMATS[type],
	})),
	default: 'A',
	description: 'The record type; its records are checked against it before anything is sent',
};

export const recordsParameter: INodeProperties = {
	displayName: 'Records',
	name: 'records',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder: 'e.g. 192.0.2.10',
	description:
		'One record per line (an expression may also give a list). A: 192.0.2.10 · AAAA: 2001:db8::10 · CNAME, NS, PTR: host.example.com · MX: 10 mail.example.com · TXT: any text · SRV: 10 5 5060 sip.example.com · CAA: 0 issue letsencrypt.org.',
	hint: 'Host names without the trailing dot are completed (mail.example.com → mail.example.com.); TXT text with spaces is quoted for you',
};

export function getRecordType(ctx: IExecuteFunctions, itemIndex: number): RecordType {
	const type = String(ctx.getNodeParameter('type', itemIndex, 'A'))
		.trim()
		.toUpperCase();
	if (!isRecordType(type)) {
		throw parameterError(
			ctx.getNode(),
			'type',
			`"${type}" is not one of ${RECORD_TYPES.join(', ')}`,
			itemIndex,
			'Type',
		);
	}
	return type;
}

/** The records, one per line or a list from an expression, checked for `type`. */
export function getRecords(
	ctx: IExecuteFunctions,
	path: string,
	itemIndex: number,
	type: RecordType,
): string[] {
	const raw = ctx.getNodeParameter(path, itemIndex, '') as unknown;
	const lines = Array.isArray(raw)
		? raw.map((entry) => String(entry ?? ''))
		: String(raw ?? '').split(/\r?\n/);
	const entries = lines.map((line) => line.trim()).filter((line) => line !== '');
	return checked(ctx, itemIndex, 'Records', (fail) => normaliseRecords(type, entries, fail));
}

export function getText(ctx: IExecuteFunctions, path: string, itemIndex: number): string {
	return String(ctx.getNodeParameter(path, itemIndex, '') ?? '').trim();
}

export const waitTimeoutOption: INodeProperties = {
	displayName: 'Wait Timeout (Seconds)',
	name: 'waitTimeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 300,
	description: 'How long to wait for Designate before failing (the change may still finish later)',
};

/** The Options of an operation whose only option is the wait's timeout. */
export const waitOptions: INodeProperties = collection('Options', [waitTimeoutOption]);

/** Designate's statuses, for the list filters. */
export const statusFilter: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'ACTIVE' },
		{ name: 'Error', value: 'ERROR' },
		{ name: 'Pending', value: 'PENDING' },
	],
	default: 'ACTIVE',
};

export function getWaitTimeout(ctx: IExecuteFunctions, path: string, itemIndex: number): number {
	return getInteger(ctx, path, itemIndex, {
		min: 1,
		max: 3600,
		fallback: 300,
		label: 'Wait Timeout (Seconds)',
	});
}

export const descriptionOption: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'Up to 160 characters',
};

/** A description (Designate keeps at most 160 characters). */
export function getDescription(ctx: IExecuteFunctions, path: string, itemIndex: number): string {
	const text = String(ctx.getNodeParameter(path, itemIndex, '') ?? '');
	if (text.length > 160) {
		throw parameterError(
			ctx.getNode(),
			path,
			`it is ${text.length} characters long; Designate keeps at most 160`,
			itemIndex,
			'Description',
		);
	}
	return text;
}

/** An update that changes nothing is refused, naming "Update Fields". */
export function nothingToUpdate(ctx: IExecuteFunctions, itemIndex: number) {
	return parameterError(
		ctx.getNode(),
		'updateFields',
		'add at least one field to change',
		itemIndex,
		'Update Fields',
	);
}
