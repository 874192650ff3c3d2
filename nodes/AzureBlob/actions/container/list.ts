import type { IExecuteFunctions } from 'n8n-workflow';

import { getListLimit } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { listContainers } from '../../../shared/storage/drivers/azure/containers';
import { forOperation, returnAllAndLimit, showFor } from '../common';

const displayOptions = showFor('container', 'list');

export const description = forOperation(displayOptions, [
	...returnAllAndLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Metadata',
				name: 'includeMetadata',
				type: 'boolean',
				default: false,
				description: "Whether to return each container's metadata",
			},
			{
				displayName: 'Prefix',
				name: 'prefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. logs-',
				description: 'Only containers whose name starts with this',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const limit = getListLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		prefix?: string;
		includeMetadata?: boolean;
	};
	return await listContainers(azure, {
		prefix: options.prefix,
		includeMetadata: options.includeMetadata,
		limit,
	});
}
