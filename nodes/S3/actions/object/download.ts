import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { downloadOutputAndRange } from '../../../shared/node/description';
import { keyBinary } from '../../../shared/node/fileName';
import { getByteRange, getDownloadOptions } from '../../../shared/node/parameters';
import type { S3Service } from '../../../shared/storage/drivers/s3';
import {
	asBucketItem,
	bucketLocator,
	forOperation,
	getBucket,
	getKey,
	invalid,
	keyLocator,
	showFor,
} from '../common';

const displayOptions = showFor('object', 'download');

export const description: INodeProperties[] = forOperation(displayOptions, [
	bucketLocator(),
	keyLocator(),
	...downloadOutputAndRange('object'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, s3: S3Service) {
	const bucket = getBucket(this, itemIndex);
	const key = getKey(this, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) throw invalid(this, 'outputBinaryPropertyName', 'it must not be empty', itemIndex);
	const range = getByteRange(this, itemIndex);
	const { info, stream } = await s3.download(
		bucket,
		key,
		range,
		getDownloadOptions(this, itemIndex),
	);
	const binary = await keyBinary(this, stream, key, info.contentType);
	return { json: asBucketItem(info), binary: { [property]: binary } };
}
