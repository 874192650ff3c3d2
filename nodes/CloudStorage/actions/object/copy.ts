import type { IExecuteFunctions } from 'n8n-workflow';

import type { StorageDriver } from '../../../shared/storage/driver';
import { getLocatorValue } from '../../../shared/node/parameters';
import { assertObjectKey } from '../../../shared/storage/names';
import { containerLocator, forOperation, keyLocator, showFor } from '../common';

const displayOptions = showFor('object', 'copy');

export const description = forOperation(displayOptions, [
	containerLocator('sourceContainer', 'Source Container'),
	keyLocator('sourceKey', 'Source Key', true),
	{
		...containerLocator('targetContainer', 'Target Container'),
		required: false,
		description: 'The container to copy into. Leave empty to copy within the source container.',
	},
	{
		displayName: 'Target Key',
		name: 'targetKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. archive/summary.pdf',
		description: 'The key of the copy',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const source = {
		container: getLocatorValue(this, 'sourceContainer', itemIndex),
		key: getLocatorValue(this, 'sourceKey', itemIndex),
	};
	const target = {
		container: getLocatorValue(this, 'targetContainer', itemIndex) || source.container,
		key: String(this.getNodeParameter('targetKey', itemIndex, '')).trim(),
	};
	assertObjectKey(source.key, 'sourceKey');
	assertObjectKey(target.key, 'targetKey');
	return await driver.copy(source, target);
}
