import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getByteRange, getDownloadOptions, getLocatorValue } from '../../../shared/node/parameters';
import { parameterError } from '../../../shared/node/errors';
import { downloadOutputAndRange } from '../../../shared/node/description';
import { keyBinary } from '../../../shared/node/fileName';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'download');
const OUTPUT_FIELD_LABEL = 'Put Output File in Field';

export const description = forOperation(displayOptions, [
	containerLocator(),
	keyLocator(),
	...downloadOutputAndRange('object'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const key = getLocatorValue(this, 'key', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) {
		throw parameterError(
			this.getNode(),
			'binaryPropertyName',
			'it must not be empty',
			itemIndex,
			OUTPUT_FIELD_LABEL,
		);
	}
	const range = getByteRange(this, itemIndex);
	const { info, stream } = await driver.download(
		container,
		key,
		range,
		getDownloadOptions(this, itemIndex),
	);
	const binary = await keyBinary(this, stream, key, info.contentType);
	return { json: { ...info }, binary: { [property]: binary } };
}
