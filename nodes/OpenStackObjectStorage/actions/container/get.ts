import type { IExecuteFunctions } from 'n8n-workflow';

import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { getContainer as readContainer } from '../../../shared/storage/drivers/swift/containers';
import { containerLocator, forOperation, getContainer, showFor } from '../common';

export const description = forOperation(showFor('container', 'get'), [containerLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	return await readContainer(swift, getContainer(this, itemIndex));
}
