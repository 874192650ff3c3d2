import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadOutputAndRange } from '../../../shared/node/description';
import { keyBinary } from '../../../shared/node/fileName';
import { getByteRange, getDownloadOptions } from '../../../shared/node/parameters';
import type { GcsClient } from '../../../shared/storage/drivers/gcs/client';
import { downloadObject } from '../../../shared/storage/drivers/gcs/download';
import { bucketLocator, forOperation, objectLocator, showFor } from '../common';
import { invalid, locator } from '../params';

export const description = forOperation(showFor('object', 'download'), [
	bucketLocator(),
	objectLocator(),
	...downloadOutputAndRange('object'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GcsClient) {
	const bucket = locator(this, 'bucket', itemIndex);
	const objectName = locator(this, 'objectName', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) throw invalid(this, 'binaryPropertyName', 'it must not be empty', itemIndex);
	const range = getByteRange(this, itemIndex);
	const { info, stream } = await downloadObject(
		client,
		bucket,
		objectName,
		range,
		{ bucket: 'bucket', key: 'objectName' },
		getDownloadOptions(this, itemIndex),
	);
	const binary = await keyBinary(this, stream, objectName, info.contentType);
	return { json: { ...info }, binary: { [property]: binary } };
}
