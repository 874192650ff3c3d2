import type { IExecuteFunctions } from 'n8n-workflow';

import { forceParameter } from '../../../shared/node/description';
import { getLocatorValue, getSwitch } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { deleteContainer } from '../../../shared/storage/drivers/azure/containers';
import { labelOf } from '../../../shared/node/errors';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('container', 'delete');

export const description = forOperation(displayOptions, [
	containerLocator(),
	forceParameter(
		'Whether to delete the container together with every blob in it; without it a non-empty container is refused',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const force = getSwitch(this, 'force', itemIndex);
	await deleteContainer(
		azure,
		container,
		{ force },
		{ parameter: 'container', label: labelOf(this.getNode(), 'container') },
	);
	return { container, deleted: true };
}
