import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { updateObjectMetadata } from '../../../shared/storage/drivers/swift/objects';
import {
	containerLocator,
	forOperation,
	getContainer,
	getMetadata,
	getNameList,
	getObjectName,
	metadataParameter,
	objectLocator,
	showFor,
} from '../common';

export const description = forOperation(showFor('object', 'update'), [
	containerLocator(),
	objectLocator(),
	{ ...metadataParameter('Set Metadata'), description: 'Entries to add or change' },
	{
		displayName: 'Remove Metadata',
		name: 'removeMetadata',
		type: 'string',
		default: '',
		placeholder: 'e.g. owner, project',
		description: 'Names of entries to remove, separated by commas',
	},
	{
		displayName: 'Replace All',
		name: 'replaceAll',
		type: 'boolean',
		default: false,
		description:
			"Whether the entries above replace all of the object's metadata (else the others stay)",
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'string',
		default: '',
		placeholder: 'e.g. application/pdf',
		description: "A new MIME type; empty keeps the object's",
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const object = getObjectName(this, itemIndex);
	return await updateObjectMetadata(swift, container, object, {
		set: getMetadata(this, itemIndex, 'metadata', 'Set Metadata'),
		remove: getNameList(this, itemIndex, 'removeMetadata'),
		replace: this.getNodeParameter('replaceAll', itemIndex, false) as boolean,
		contentType: String(this.getNodeParameter('contentType', itemIndex, '')).trim() || undefined,
	});
}
