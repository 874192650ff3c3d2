import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { getContainerProperties } from '../../../shared/storage/drivers/azure/containers';
import { labelOf } from '../../../shared/node/errors';
import { containerLocator, forOperation, showFor } from '../common';

const displayOptions = showFor('container', 'get');

export const description = forOperation(displayOptions, [containerLocator()]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	return await getContainerProperties(azure, container, {
		parameter: 'container',
		label: labelOf(this.getNode(), 'container'),
	});
}
