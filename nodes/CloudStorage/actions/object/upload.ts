import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { collection, nameValueList } from '../../../shared/node/description';
import { getLocatorValue, getNameValueMap, trimmed } from '../../../shared/node/parameters';
import { expectedMd5Option, uploadBinary, uploadSource } from '../../../shared/node/upload';
import { readExpectedMd5 } from '../../../shared/storage/md5';
import { assertContainerName, assertObjectKey } from '../../../shared/storage/names';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('object', 'upload');

export const description = forOperation(displayOptions, [
	containerLocator(),
	...uploadSource('key', 'Key', "The object's key"),
	collection('Options', [
		{
			displayName: 'Content Type',
			name: 'contentType',
			type: 'string',
			default: '',
			placeholder: 'e.g. application/pdf',
			description: "The object's MIME type. Defaults to the binary data's MIME type.",
		},
		expectedMd5Option,
		nameValueList('Metadata', 'metadata', 'Add metadata'),
	]),
]);

interface UploadOptions {
	contentType?: string;
	expectedMd5?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	assertContainerName(container);
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const metadata = getNameValueMap(this, 'options.metadata', itemIndex);
	return await uploadBinary(
		this,
		itemIndex,
		'key',
		(key) => assertObjectKey(key),
		async (input) =>
			await driver.upload(container, input.name, input.body, {
				contentType: trimmed(options.contentType) ?? input.mimeType,
				metadata,
				size: input.size,
				expectedMd5,
			}),
	);
}
