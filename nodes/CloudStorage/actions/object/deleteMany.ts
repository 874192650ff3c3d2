import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { parameterError } from '../../../shared/node/errors';
import { getLocatorValue } from '../../../shared/node/parameters';
import { assertObjectKey } from '../../../shared/storage/names';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('object', 'deleteMany');

export const description = forOperation(displayOptions, [
	containerLocator(),
	{
		displayName: 'Keys',
		name: 'keys',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. a.txt, reports/b.pdf',
		description: 'Keys to delete, separated by commas or new lines, or an array from an expression',
	},
]);

function readKeys(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('keys', itemIndex, '') as unknown;
	const keys = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\n,]/))
		.map((key) => key.trim())
		.filter((key) => key.length > 0);
	if (keys.length === 0)
		throw parameterError(ctx.getNode(), 'keys', 'give at least one key', itemIndex);
	for (const key of keys) assertObjectKey(key, 'keys');
	return keys;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const keys = readKeys(this, itemIndex);
	const results = await driver.deleteObjects(container, keys);
	return results.map((result) => ({ container, ...result }));
}
