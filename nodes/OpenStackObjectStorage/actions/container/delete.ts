import type { IExecuteFunctions } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { forceParameter } from '../../../shared/node/description';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { deleteContainer } from '../../../shared/storage/drivers/swift/containers';
import { containerLocator, forOperation, getContainer, showFor } from '../common';

export const description = forOperation(showFor('container', 'delete'), [
	containerLocator(),
	forceParameter(
		'Whether to delete a container that still holds objects: they are deleted first with bulk deletes (large objects with their segments)',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const force = getSwitch(this, 'force', itemIndex);
	return { container, ...(await deleteContainer(swift, container, { force })) };
}
