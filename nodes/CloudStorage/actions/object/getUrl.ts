import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue } from '../../../shared/node/parameters';
import { getExpiresIn, urlParameters, type UrlExpiry } from '../../../shared/node/urls';
import { assertObjectKey } from '../../../shared/storage/names';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'getUrl');

/** 7 days: the longest expiry every backend that signs URLs accepts. */
const URL_EXPIRY: UrlExpiry = {
	max: 604_800,
	help: 'from 1 second to 7 days (604800)',
	check: 'bounds',
};

export const description = forOperation(displayOptions, [
	containerLocator(),
	keyLocator(),
	...urlParameters(URL_EXPIRY, 'What the URL lets its holder do'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const key = getLocatorValue(this, 'key', itemIndex);
	assertObjectKey(key);
	const method = this.getNodeParameter('method', itemIndex, 'GET') as 'GET' | 'PUT';
	const expiresIn = getExpiresIn(this, itemIndex, URL_EXPIRY);
	const url = await driver.getUrl(container, key, { expiresIn, method });
	return { container, key, method, expiresIn, url };
}
