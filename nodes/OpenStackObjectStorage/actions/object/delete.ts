import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { deleteObject } from '../../../shared/storage/drivers/swift/objects';
import {
	containerLocator,
	forOperation,
	getContainer,
	getObjectName,
	objectLocator,
	showFor,
} from '../common';

export const description = forOperation(showFor('object', 'delete'), [
	containerLocator(),
	objectLocator(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const object = getObjectName(this, itemIndex);
	return { container, object, ...(await deleteObject(swift, container, object)) };
}
