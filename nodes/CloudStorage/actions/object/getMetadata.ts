import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue } from '../../../shared/node/parameters';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'getMetadata');

export const description = forOperation(displayOptions, [containerLocator(), keyLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	return await driver.headObject(
		getLocatorValue(this, 'container', itemIndex),
		getLocatorValue(this, 'key', itemIndex),
	);
}
