import type { IExecuteFunctions } from 'n8n-workflow';

import { collection } from '../../../shared/node/description';
import { uploadBinary, uploadSource } from '../../../shared/node/upload';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import {
	assertSwiftContainer,
	assertSwiftObject,
} from '../../../shared/storage/drivers/swift/names';
import { uploadObject } from '../../../shared/storage/drivers/swift/upload';
import { containerLocator, forOperation, getContainer, showFor } from '../common';
import { readUploadOptions, uploadOptions } from './uploadOptions';

export const description = forOperation(showFor('object', 'upload'), [
	containerLocator(),
	...uploadSource('objectName', 'Object Name', "The object's name in the container"),
	collection('Options', uploadOptions),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const options = readUploadOptions(this, itemIndex);
	if (options.segmentContainer) assertSwiftContainer(options.segmentContainer, 'Segment Container');
	return await uploadBinary(
		this,
		itemIndex,
		'objectName',
		(name) => assertSwiftObject(name, 'Object Name'),
		async (input) =>
			await uploadObject(swift, container, input.name, input.body, {
				...options,
				contentType: options.contentType || input.mimeType,
				size: input.size,
			}),
	);
}
