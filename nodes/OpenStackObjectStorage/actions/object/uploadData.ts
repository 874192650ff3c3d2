import type { IExecuteFunctions } from 'n8n-workflow';
import { Readable } from 'stream';

import { parseJsonParameter } from '../../../shared/node/parameters';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { assertSwiftObject } from '../../../shared/storage/drivers/swift/names';
import { uploadObject } from '../../../shared/storage/drivers/swift/upload';
import { containerLocator, forOperation, getContainer, showFor } from '../common';
import { readUploadOptions, writeOptions } from './uploadOptions';

export const description = forOperation(showFor('object', 'uploadData'), [
	containerLocator(),
	{
		displayName: 'Object Name',
		name: 'objectName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. notes/today.txt',
	},
	{
		displayName: 'Data Type',
		name: 'dataType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: { dataType: ['text'] } },
	},
	{
		displayName: 'JSON',
		name: 'json',
		type: 'json',
		default: '{}',
		displayOptions: { show: { dataType: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: writeOptions,
	},
]);

function readData(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { bytes: Buffer; contentType: string } {
	if (ctx.getNodeParameter('dataType', itemIndex, 'text') === 'json') {
		const raw = ctx.getNodeParameter('json', itemIndex, '{}') as unknown;
		const value = parseJsonParameter(ctx.getNode(), 'JSON', raw, itemIndex);
		return { bytes: Buffer.from(JSON.stringify(value)), contentType: 'application/json' };
	}
	const text = String(ctx.getNodeParameter('text', itemIndex, ''));
	return { bytes: Buffer.from(text, 'utf8'), contentType: 'text/plain; charset=utf-8' };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const name = String(this.getNodeParameter('objectName', itemIndex, '')).trim();
	assertSwiftObject(name, 'Object Name');
	const options = readUploadOptions(this, itemIndex);
	const { bytes, contentType } = readData(this, itemIndex);
	return await uploadObject(swift, container, name, Readable.from([bytes]), {
		...options,
		contentType: options.contentType || contentType,
		size: bytes.length,
	});
}
