import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadOutputAndRange } from '../../../shared/node/description';
import { parameterError } from '../../../shared/node/errors';
import { keyBinary } from '../../../shared/node/fileName';
import { getByteRange, getDownloadOptions } from '../../../shared/node/parameters';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { downloadObject } from '../../../shared/storage/drivers/swift/objects';
import {
	containerLocator,
	forOperation,
	getContainer,
	getObjectName,
	objectLocator,
	showFor,
} from '../common';

export const description = forOperation(showFor('object', 'download'), [
	containerLocator(),
	objectLocator(),
	...downloadOutputAndRange('object'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const object = getObjectName(this, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) {
		throw parameterError(
			this.getNode(),
			'binaryPropertyName',
			'it must not be empty',
			itemIndex,
			'Put Output File in Field',
		);
	}
	const range = getByteRange(this, itemIndex);
	const { info, stream } = await downloadObject(
		swift,
		container,
		object,
		range,
		getDownloadOptions(this, itemIndex),
	);
	const binary = await keyBinary(this, stream, object, info.contentType || undefined);
	return { json: { ...info }, binary: { [property]: binary } };
}
