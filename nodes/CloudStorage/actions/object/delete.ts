import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue } from '../../../shared/node/parameters';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'delete');

export const description = forOperation(displayOptions, [containerLocator(), keyLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const key = getLocatorValue(this, 'key', itemIndex);
	await driver.deleteObject(container, key);
	return { container, key, deleted: true };
}
