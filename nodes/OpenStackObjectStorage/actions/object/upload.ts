import type { IExecuteFunctions } from 'n8n-workflow';

import { openBinaryInput } from '../../../shared/node/binary';
import { toNodeError } from '../../../shared/node/errors';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import {
	assertSwiftContainer,
	assertSwiftObject,
} from '../../../shared/storage/drivers/swift/names';
import { uploadObject } from '../../../shared/storage/drivers/swift/upload';
import { discardBody } from '../../../shared/storage/parts';
import { containerLocator, forOperation, getContainer, showFor } from '../common';
import { readUploadOptions, uploadOptions } from './uploadOptions';

export const description = forOperation(showFor('object', 'upload'), [
	containerLocator(),
	{
		displayName: 'Object Name',
		name: 'objectName',
		type: 'string',
		default: '',
		placeholder: 'e.g. reports/2026/summary.pdf',
		description: "The object's name in the container. Leave empty to use the binary file's name.",
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the input binary property holding the file to upload',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: uploadOptions,
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const options = readUploadOptions(this, itemIndex);
	if (options.segmentContainer) assertSwiftContainer(options.segmentContainer, 'Segment Container');
	const input = await openBinaryInput(this, itemIndex);
	const name =
		String(this.getNodeParameter('objectName', itemIndex, '')).trim() || input.fileName || '';
	try {
		assertSwiftObject(name, 'Object Name');
	} catch (error) {
		discardBody(input.body);
		throw toNodeError(this.getNode(), error, itemIndex);
	}
	return await uploadObject(swift, container, name, input.body, {
		...options,
		contentType: options.contentType || input.mimeType,
		size: input.size,
	});
}
