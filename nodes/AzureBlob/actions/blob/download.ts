import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadOutputAndRange } from '../../../shared/node/description';
import { keyBinary } from '../../../shared/node/fileName';
import { getByteRange, getDownloadOptions, getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { downloadBlob } from '../../../shared/storage/drivers/azure/download';
import { NAMING, blobLocator, containerLocator, forOperation, invalid, showFor } from '../common';

const displayOptions = showFor('blob', 'download');

export const description = forOperation(displayOptions, [
	containerLocator(),
	blobLocator(),
	...downloadOutputAndRange('blob'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const blob = getLocatorValue(this, 'blob', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property)
		throw invalid(this.getNode(), 'outputBinaryPropertyName', 'it must not be empty', itemIndex);
	const range = getByteRange(this, itemIndex);
	const { info, stream } = await downloadBlob(
		azure,
		container,
		blob,
		range,
		NAMING,
		getDownloadOptions(this, itemIndex),
	);
	const binary = await keyBinary(this, stream, blob, info.contentType);
	return { json: { ...info }, binary: { [property]: binary } };
}
