import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getInteger, getLocatorValue } from '../../../shared/node/parameters';
import { assertObjectKey } from '../../../shared/storage/names';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'getUrl');

/** 7 days: the longest expiry every backend that signs URLs accepts. */
export const MAX_URL_EXPIRY_SECONDS = 604_800;

export const description = forOperation(displayOptions, [
	containerLocator(),
	keyLocator(),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET (Download)', value: 'GET' },
			{ name: 'PUT (Upload)', value: 'PUT' },
		],
		default: 'GET',
		description: 'What the URL lets its holder do',
	},
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_URL_EXPIRY_SECONDS },
		default: 3600,
		description: 'How long the URL stays valid, from 1 second to 7 days (604800)',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const key = getLocatorValue(this, 'key', itemIndex);
	assertObjectKey(key);
	const method = this.getNodeParameter('method', itemIndex, 'GET') as 'GET' | 'PUT';
	const expiresIn = getInteger(this, 'expiresIn', itemIndex, {
		min: 1,
		max: MAX_URL_EXPIRY_SECONDS,
		fallback: 3600,
	});
	const url = await driver.getUrl(container, key, { expiresIn, method });
	return { container, key, method, expiresIn, url };
}
