import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { setContainerMetadata } from '../../../shared/storage/drivers/azure/containers';
import { checkMetadata } from '../../../shared/storage/drivers/azure/names';
import { labelOf } from '../../../shared/node/errors';
import { containerLocator, entriesOf, forOperation, nameValueList, showFor } from '../common';

const displayOptions = showFor('container', 'setMetadata');

export const description = forOperation(displayOptions, [
	containerLocator(),
	nameValueList(
		'Metadata',
		'metadata',
		'Add metadata',
		'The new metadata; it replaces all of the container\'s metadata (none removes it). Names: letters, digits and "_".',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const container = getLocatorValue(this, 'container', itemIndex);
	const metadata = checkMetadata(
		entriesOf(this.getNodeParameter('metadata', itemIndex, {})),
		'metadata',
		labelOf(this.getNode(), 'metadata'),
	);
	return await setContainerMetadata(azure, container, metadata, {
		parameter: 'container',
		label: labelOf(this.getNode(), 'container'),
	});
}
