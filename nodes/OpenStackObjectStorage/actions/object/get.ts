import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { headObject } from '../../../shared/storage/drivers/swift/objects';
import {
	containerLocator,
	forOperation,
	getContainer,
	getObjectName,
	objectLocator,
	showFor,
} from '../common';

export const description = forOperation(showFor('object', 'get'), [
	containerLocator(),
	objectLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	return await headObject(swift, getContainer(this, itemIndex), getObjectName(this, itemIndex));
}
