import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { assertSwiftObject } from '../../../shared/storage/drivers/swift/names';
import { copyObject } from '../../../shared/storage/drivers/swift/objects';
import {
	containerLocator,
	forOperation,
	getContainer,
	getObjectName,
	objectLocator,
	showFor,
} from '../common';

export const description = forOperation(showFor('object', 'copy'), [
	containerLocator('sourceContainer', 'Source Container'),
	objectLocator('sourceObject', 'Source Object', true),
	containerLocator('targetContainer', 'Target Container'),
	{
		displayName: 'Target Object Name',
		name: 'targetObject',
		type: 'string',
		default: '',
		placeholder: 'e.g. archive/summary.pdf',
		description: "The copy's name; empty keeps the source's name",
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const source = {
		container: getContainer(this, itemIndex, 'sourceContainer', 'Source Container'),
		key: getObjectName(this, itemIndex, 'sourceObject', 'Source Object'),
	};
	const targetContainer = getContainer(this, itemIndex, 'targetContainer', 'Target Container');
	const targetKey =
		String(this.getNodeParameter('targetObject', itemIndex, '')).trim() || source.key;
	assertSwiftObject(targetKey, 'Target Object Name');
	const copied = await copyObject(swift, source, { container: targetContainer, key: targetKey });
	return { ...copied, source };
}
