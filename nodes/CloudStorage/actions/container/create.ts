import type { IExecuteFunctions } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { succeedIfExistsParameter } from '../../../shared/node/description';
import { renameParameter } from '../../../shared/node/errors';
import type { StorageDriver } from '../../../shared/storage/driver';
import { assertContainerName } from '../../../shared/storage/names';
import { forOperation, showFor } from '../common';

const displayOptions = showFor('container', 'create');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Container Name',
		name: 'containerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. reports',
		description: 'Name of the container (bucket) to create',
	},
	succeedIfExistsParameter(
		'Whether to succeed, without changing anything, when the container already exists',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, driver: StorageDriver) {
	const name = String(this.getNodeParameter('containerName', itemIndex)).trim();
	assertContainerName(name, 'containerName');
	const ifNotExists = getSwitch(this, 'ifNotExists', itemIndex);
	try {
		const { created, container } = await driver.createContainer(name, { ifNotExists });
		return { ...container, created };
	} catch (error) {
		throw renameParameter(this.getNode(), error, { container: 'containerName' });
	}
}
