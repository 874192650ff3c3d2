import type { IExecuteFunctions } from 'n8n-workflow';

import { getSwitch } from '../../../shared/node/parameters';
import { succeedIfExistsParameter } from '../../../shared/node/description';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import {
	createContainer,
	PUBLIC_ACCESS_LEVELS,
	type PublicAccessLevel,
} from '../../../shared/storage/drivers/azure/containers';
import { checkMetadata } from '../../../shared/storage/drivers/azure/names';
import { labelOf } from '../../../shared/node/errors';
import { entriesOf, forOperation, invalid, nameValueList, showFor } from '../common';

const displayOptions = showFor('container', 'create');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Container Name',
		name: 'containerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. reports',
		description:
			'3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
	},
	succeedIfExistsParameter(
		'Whether to succeed, without changing anything, when the container already exists (ensure it exists)',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			nameValueList(
				'Metadata',
				'metadata',
				'Add metadata',
				'Name/value pairs stored with the container',
			),
			{
				displayName: 'Public Access',
				name: 'publicAccess',
				type: 'options',
				options: [
					{ name: 'None (Private)', value: 'none', description: 'Only authorized requests' },
					{ name: 'Blob', value: 'blob', description: 'Anyone may read blobs, but not list them' },
					{ name: 'Container', value: 'container', description: 'Anyone may read and list blobs' },
				],
				default: 'none',
				description: 'Anonymous read access; the storage account must allow public access',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const name = String(this.getNodeParameter('containerName', itemIndex, '')).trim();
	const ifNotExists = getSwitch(this, 'ifNotExists', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		metadata?: unknown;
		publicAccess?: string;
	};
	const publicAccess = (options.publicAccess || 'none') as PublicAccessLevel;
	if (!PUBLIC_ACCESS_LEVELS.includes(publicAccess)) {
		throw invalid(
			this.getNode(),
			'publicAccess',
			`use one of ${PUBLIC_ACCESS_LEVELS.join(', ')}`,
			itemIndex,
		);
	}
	const metadata = checkMetadata(
		entriesOf(options.metadata),
		'metadata',
		labelOf(this.getNode(), 'metadata'),
	);
	const { created, container } = await createContainer(
		azure,
		name,
		{ ifNotExists, publicAccess, metadata },
		{ parameter: 'containerName', label: labelOf(this.getNode(), 'containerName') },
	);
	return { ...container, created };
}
