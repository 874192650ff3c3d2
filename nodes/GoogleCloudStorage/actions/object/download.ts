import type { IExecuteFunctions } from 'n8n-workflow';

import { getInteger } from '../../../shared/node/parameters';
import type { ByteRange } from '../../../shared/storage/driver';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { downloadObject } from '../../../shared/storage/drivers/gcs/operations';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { invalid, locator } from '../params';

export const description = forOperation(showFor('object', 'download'), [
	bucketLocator(),
	objectLocator(),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary property to put the file in',
	},
	{
		displayName: 'Byte Range',
		name: 'useRange',
		type: 'boolean',
		default: false,
		description: 'Whether to download only a range of bytes',
	},
	{
		displayName: 'Range Start',
		name: 'rangeStart',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'First byte to download (0-based)',
		displayOptions: { show: { useRange: [true] } },
	},
	{
		displayName: 'Range End',
		name: 'rangeEnd',
		type: 'number',
		typeOptions: { minValue: -1 },
		default: -1,
		description: 'Last byte to download (inclusive); -1 means to the end of the object',
		displayOptions: { show: { useRange: [true] } },
	},
]);

function readRange(ctx: IExecuteFunctions, itemIndex: number): ByteRange | undefined {
	if (!(ctx.getNodeParameter('useRange', itemIndex, false) as boolean)) return undefined;
	const start = getInteger(ctx, 'rangeStart', itemIndex, { min: 0, fallback: 0 });
	const end = getInteger(ctx, 'rangeEnd', itemIndex, { min: -1, fallback: -1 });
	if (end !== -1 && end < start) throw invalid(ctx, 'rangeEnd', `${end} is before "Range Start" (${start})`, itemIndex);
	return { start, end: end === -1 ? undefined : end };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	const objectName = locator(this, 'objectName', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) throw invalid(this, 'binaryPropertyName', 'it must not be empty', itemIndex);
	const range = readRange(this, itemIndex);
	const { info, stream } = await downloadObject(client, bucket, objectName, range, { bucket: 'bucket', key: 'objectName' });
	const fileName = objectName.split('/').pop() || objectName;
	const binary = await this.helpers.prepareBinaryData(stream, fileName, info.contentType || undefined);
	return { json: { ...info }, binary: { [property]: binary } };
}
