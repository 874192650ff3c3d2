import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue } from '../../../shared/node/parameters';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('container', 'delete');

export const description = forOperation(displayOptions, [
	containerLocator(),
	{
		displayName: 'Force',
		name: 'force',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the container together with every object in it; without it a non-empty container is refused',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const force = this.getNodeParameter('force', itemIndex, false) as boolean;
	await driver.deleteContainer(container, { force });
	return { container, deleted: true };
}
