import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue } from '../../../shared/node/parameters';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('container', 'get');

export const description = forOperation(displayOptions, [containerLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	return await driver.getContainer(getLocatorValue(this, 'container', itemIndex));
}
