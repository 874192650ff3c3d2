import type { IExecuteFunctions } from 'n8n-workflow';

import { getInteger } from '../../../shared/node/parameters';
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

export const description = forOperation(showFor('object', 'getTempUrl'), [
	containerLocator(),
	objectLocator(),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET (Download)', value: 'GET' },
			{ name: 'PUT (Upload)', value: 'PUT' },
		],
		default: 'GET',
		description: 'What the URL lets its holder do, without a token',
	},
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TEMP_URL_SECONDS },
		default: 3600,
		description: 'How long the URL stays valid, from 1 second to 1 year (31536000)',
	},
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
	const expiresIn = getInteger(this, 'expiresIn', itemIndex, {
		min: 1,
		max: MAX_TEMP_URL_SECONDS,
		fallback: 3600,
	});
	const result = await createTempUrl(swift, container, object, {
		method,
		expiresIn,
		setKeyIfMissing: this.getNodeParameter('setKeyIfMissing', itemIndex, false) as boolean,
	});
	return { container, object, expiresIn, ...result };
}
