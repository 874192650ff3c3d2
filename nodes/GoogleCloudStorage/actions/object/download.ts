import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadOutputAndRange } from '../../../shared/node/description';
import { keyBinary } from '../../../shared/node/fileName';
import { getInteger } from '../../../shared/node/parameters';
import type { ByteRange } from '../../../shared/storage/driver';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { downloadObject } from '../../../shared/storage/drivers/gcs/download';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { invalid, locator } from '../params';

export const description = forOperation(showFor('object', 'download'), [
	bucketLocator(),
	objectLocator(),
	...downloadOutputAndRange('object'),
]);

/** The byte range asked for; downloadObject checks it against itself and the object. */
function readRange(ctx: IExecuteFunctions, itemIndex: number): ByteRange | undefined {
	if (!(ctx.getNodeParameter('useRange', itemIndex, false) as boolean)) return undefined;
	const start = getInteger(ctx, 'rangeStart', itemIndex, { min: 0, fallback: 0 });
	const end = getInteger(ctx, 'rangeEnd', itemIndex, { min: -1, fallback: -1 });
	return { start, end: end === -1 ? undefined : end };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	const objectName = locator(this, 'objectName', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) throw invalid(this, 'binaryPropertyName', 'it must not be empty', itemIndex);
	const range = readRange(this, itemIndex);
	const { info, stream } = await downloadObject(client, bucket, objectName, range, {
		bucket: 'bucket',
		key: 'objectName',
	});
	const binary = await keyBinary(this, stream, objectName, info.contentType);
	return { json: { ...info }, binary: { [property]: binary } };
}
