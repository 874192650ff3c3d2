import type { IExecuteFunctions } from 'n8n-workflow';

import { getExpiresIn, urlParameters, type UrlExpiry } from '../../../shared/node/urls';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import {
	MAX_TEMP_URL_SECONDS,
	createTempUrl,
	type TempUrlMethod,
} from '../../../shared/storage/drivers/swift/tempUrl';
import {
	containerLocator,
	forOperation,
	getContainer,
	getObjectName,
	objectLocator,
	showFor,
} from '../common';

/** Swift sets no limit; a year keeps a URL from being a standing password. */
const TEMP_URL_EXPIRY: UrlExpiry = {
	max: MAX_TEMP_URL_SECONDS,
	help: 'from 1 second to 1 year (31536000)',
	check: 'bounds',
};

export const description = forOperation(showFor('object', 'getTempUrl'), [
	containerLocator(),
	objectLocator(),
	...urlParameters(TEMP_URL_EXPIRY, 'What the URL lets its holder do, without a token'),
	{
		displayName: 'Set Key If None',
		name: 'setKeyIfMissing',
		type: 'boolean',
		default: false,
		description:
			'Whether to give the account a random temporary-URL key when it has none. The key signs every temporary URL of the account; it is never shown.',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const container = getContainer(this, itemIndex);
	const object = getObjectName(this, itemIndex);
	const method = this.getNodeParameter('method', itemIndex, 'GET') as TempUrlMethod;
	const expiresIn = getExpiresIn(this, itemIndex, TEMP_URL_EXPIRY);
	const result = await createTempUrl(swift, container, object, {
		method,
		expiresIn,
		setKeyIfMissing: this.getNodeParameter('setKeyIfMissing', itemIndex, false) as boolean,
	});
	return { container, object, expiresIn, ...result };
}
