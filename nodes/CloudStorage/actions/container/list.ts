import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getListLimit } from '../../../shared/node/parameters';
import { forOperation, returnAllAndLimit, showFor } from '../common';

const displayOptions = showFor('container', 'list');

export const description = forOperation(displayOptions, [...returnAllAndLimit]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const limit = getListLimit(this, itemIndex);
	const containers = await driver.listContainers();
	return limit === undefined ? containers : containers.slice(0, limit);
}
