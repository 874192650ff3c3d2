import type { IExecuteFunctions } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { succeedIfExistsParameter } from '../../../shared/node/description';
import type { SwiftClient } from '../../../shared/storage/drivers/swift/client';
import { createContainer } from '../../../shared/storage/drivers/swift/containers';
import { assertSwiftContainer } from '../../../shared/storage/drivers/swift/names';
import { forOperation, getMetadata, metadataParameter, showFor } from '../common';

export const description = forOperation(showFor('container', 'create'), [
	{
		displayName: 'Container Name',
		name: 'containerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. backups',
		description: 'Up to 256 bytes, without "/"',
	},
	{
		...succeedIfExistsParameter(
			'Whether an existing container counts as success (it is then left as it is) rather than an error',
		),
		default: true,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			metadataParameter(),
			{
				displayName: 'Storage Policy',
				name: 'storagePolicy',
				type: 'string',
				default: '',
				placeholder: 'e.g. Policy-0',
				description: "The cluster's storage policy for the container; empty for the default",
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, swift: SwiftClient) {
	const name = String(this.getNodeParameter('containerName', itemIndex, '')).trim();
	assertSwiftContainer(name, 'Container Name');
	const metadata = getMetadata(this, itemIndex);
	const storagePolicy = String(
		this.getNodeParameter('options.storagePolicy', itemIndex, ''),
	).trim();
	const { created, container } = await createContainer(swift, name, {
		metadata,
		storagePolicy: storagePolicy || undefined,
		ifNotExists: getSwitch(this, 'ifNotExists', itemIndex, true),
	});
	return { created, ...container };
}
