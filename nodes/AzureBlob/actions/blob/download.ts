import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { downloadBlob } from '../../../shared/storage/drivers/azure/blobs';
import { NAMING, blobLocator, containerLocator, forOperation, invalid, showFor } from '../common';

const displayOptions = showFor('blob', 'download');

export const description = forOperation(displayOptions, [
	containerLocator(),
	blobLocator(),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary property to put the file in',
	},
	{
		displayName: 'Byte Range',
		name: 'useRange',
		type: 'boolean',
		default: false,
		description: 'Whether to download only part of the blob',
	},
	{
		displayName: 'Range Start',
		name: 'rangeStart',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'First byte to download (0 is the first byte of the blob)',
		displayOptions: { show: { useRange: [true] } },
	},
	{
		displayName: 'Range End',
		name: 'rangeEnd',
		type: 'number',
		typeOptions: { minValue: -1 },
		default: -1,
		description: 'Last byte to download, inclusive; -1 means to the end of the blob',
		displayOptions: { show: { useRange: [true] } },
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const blob = getLocatorValue(this, 'blob', itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) throw invalid(this.getNode(), 'outputBinaryPropertyName', 'it must not be empty', itemIndex);
	let range: { start: number; end?: number } | undefined;
	if (this.getNodeParameter('useRange', itemIndex, false) as boolean) {
		const start = Number(this.getNodeParameter('rangeStart', itemIndex, 0));
		const end = Number(this.getNodeParameter('rangeEnd', itemIndex, -1));
		range = { start, end: end === -1 ? undefined : end };
	}
	const { info, stream } = await downloadBlob(azure, container, blob, range, NAMING);
	const fileName = blob.split('/').pop();
	const binary = await this.helpers.prepareBinaryData(stream, fileName, info.contentType || undefined);
	return { json: { ...info }, binary: { [property]: binary } };
}
