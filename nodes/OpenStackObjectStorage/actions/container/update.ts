import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { updateContainerMetadata } from '../../../shared/storage/drivers/swift/containers';
import {
	containerLocator,
	forOperation,
	getContainer,
	getMetadata,
	getNameList,
	metadataParameter,
	showFor,
} from '../common';

export const description = forOperation(showFor('container', 'update'), [
	containerLocator(),
	{
		...metadataParameter('Set Metadata'),
		description: 'Entries to add or change; the others stay',
	},
	{
		displayName: 'Remove Metadata',
		name: 'removeMetadata',
		type: 'string',
		default: '',
		placeholder: 'e.g. owner, project',
		description: 'Names of entries to remove, separated by commas',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const set = getMetadata(this, itemIndex, 'metadata', 'Set Metadata');
	const remove = getNameList(this, itemIndex, 'removeMetadata');
	return await updateContainerMetadata(swift, container, { set, remove });
}
