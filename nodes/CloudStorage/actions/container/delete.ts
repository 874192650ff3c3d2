import type { IExecuteFunctions } from 'n8n-workflow';

import { forceParameter } from '../../../shared/node/description';
import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue, getSwitch } from '../../../shared/node/parameters';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('container', 'delete');

export const description = forOperation(displayOptions, [
	containerLocator(),
	forceParameter(
		'Whether to delete the container together with every object in it; without it a non-empty container is refused',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const force = getSwitch(this, 'force', itemIndex);
	await driver.deleteContainer(container, { force });
	return { container, deleted: true };
}
