import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { openBinaryInput } from '../../../shared/node/binary';
import { readExpectedMd5 } from '../../../shared/storage/md5';
import { discardBody } from '../../../shared/storage/parts';
import { parameterError, toNodeError } from '../../../shared/node/errors';
import { getLocatorValue } from '../../../shared/node/parameters';
import { nameValueList } from '../../../shared/node/description';
import { assertContainerName, assertObjectKey } from '../../../shared/storage/names';
import { binaryPropertyName, containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('object', 'upload');

export const description = forOperation(displayOptions, [
	containerLocator(),
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		placeholder: 'e.g. reports/2026/summary.pdf',
		description: "The object's key. Leave empty to use the binary file's name.",
	},
	binaryPropertyName(
		'Input Binary Field',
		'The name of the input binary property holding the file to upload',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'string',
				default: '',
				placeholder: 'e.g. application/pdf',
				description: "The object's MIME type. Defaults to the binary data's MIME type.",
			},
			{
				displayName: 'Expected MD5',
				name: 'expectedMd5',
				type: 'string',
				default: '',
				description: 'Hex MD5 the uploaded bytes must have; a mismatching upload is discarded',
			},
			nameValueList('Metadata', 'metadata', 'Add metadata'),
		],
	},
]);

interface UploadOptions {
	contentType?: string;
	expectedMd5?: string;
	metadata?: { entry?: Array<{ name: string; value: string }> };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	assertContainerName(container);
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const metadata: Record<string, string> = {};
	for (const { name, value } of options.metadata?.entry ?? []) {
		if (!name)
			throw parameterError(
				this.getNode(),
				'metadata',
				'every metadata entry needs a name',
				itemIndex,
			);
		metadata[name] = value;
	}
	const input = await openBinaryInput(this, itemIndex);
	const key = String(this.getNodeParameter('key', itemIndex, '')).trim() || input.fileName || '';
	try {
		assertObjectKey(key);
	} catch (error) {
		discardBody(input.body);
		throw toNodeError(this.getNode(), error, itemIndex);
	}
	try {
		return await driver.upload(container, key, input.body, {
			contentType: options.contentType || input.mimeType,
			metadata,
			size: input.size,
			expectedMd5,
		});
	} catch (error) {
		// a driver that refused before reading (bad key, missing container) leaves it open
		discardBody(input.body);
		throw toNodeError(this.getNode(), error, itemIndex);
	}
}
