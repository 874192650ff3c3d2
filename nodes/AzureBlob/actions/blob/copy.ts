import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorValue } from '../../../shared/node/parameters';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { copyBlob, type CopySource } from '../../../shared/storage/drivers/azure/copy';
import {
	assertAccessTier,
	checkMetadata,
	type AccessTier,
} from '../../../shared/storage/drivers/azure/names';
import { labelOf } from '../../../shared/node/errors';
import {
	TIER_OPTIONS,
	blobLocator,
	containerLocator,
	entriesOf,
	forOperation,
	invalid,
	nameValueList,
	showFor,
} from '../common';

const displayOptions = showFor('blob', 'copy');

export const description = forOperation(displayOptions, [
	{
		displayName: 'Source',
		name: 'sourceType',
		type: 'options',
		options: [
			{ name: 'Blob in This Account', value: 'blob' },
			{
				name: 'URL',
				value: 'url',
				description: 'Any URL Azure can read: public, or carrying its own SAS token',
			},
		],
		default: 'blob',
	},
	{
		...containerLocator('sourceContainer', 'Source Container'),
		displayOptions: { show: { sourceType: ['blob'] } },
	},
	{
		...blobLocator('sourceBlob', 'Source Blob', true),
		displayOptions: { show: { sourceType: ['blob'] } },
	},
	{
		displayName: 'Source URL',
		name: 'sourceUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://other.blob.core.windows.net/public/file.csv',
		displayOptions: { show: { sourceType: ['url'] } },
	},
	containerLocator('destinationContainer', 'Destination Container'),
	{
		displayName: 'Destination Blob Name',
		name: 'destinationBlob',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. archive/summary.pdf',
		description: 'The name of the copy; an existing blob of that name is replaced',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Access Tier',
				name: 'accessTier',
				type: 'options',
				options: [{ name: 'Account Default', value: '' }, ...TIER_OPTIONS],
				default: '',
				description: 'The tier of the copy',
			},
			nameValueList(
				'Metadata',
				'metadata',
				'Add metadata',
				"Metadata of the copy; when set it replaces the source's metadata",
			),
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait until Azure has finished the copy (copies within an account finish at once; from elsewhere they may take a while)',
			},
		],
	},
]);

interface Options {
	accessTier?: string;
	metadata?: unknown;
	waitForCompletion?: boolean;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const sourceType = this.getNodeParameter('sourceType', itemIndex, 'blob') as string;
	let source: CopySource;
	if (sourceType === 'url') {
		const url = String(this.getNodeParameter('sourceUrl', itemIndex, '')).trim();
		if (!url) throw invalid(this.getNode(), 'sourceUrl', 'it must not be empty', itemIndex);
		source = { url };
	} else {
		source = {
			container: getLocatorValue(this, 'sourceContainer', itemIndex),
			blob: getLocatorValue(this, 'sourceBlob', itemIndex),
		};
	}
	const target = {
		container: getLocatorValue(this, 'destinationContainer', itemIndex),
		blob: String(this.getNodeParameter('destinationBlob', itemIndex, '')).trim(),
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const metadata = checkMetadata(
		entriesOf(options.metadata),
		'metadata',
		labelOf(this.getNode(), 'metadata'),
	);
	if (options.accessTier)
		assertAccessTier(options.accessTier, 'accessTier', labelOf(this.getNode(), 'accessTier'));
	return await copyBlob(
		azure,
		source,
		target,
		{
			metadata,
			tier: (options.accessTier || undefined) as AccessTier | undefined,
			waitForCompletion: options.waitForCompletion !== false,
			sourceUrlParameter: 'sourceUrl',
			sourceNaming: {
				containerParameter: 'sourceContainer',
				containerLabel: labelOf(this.getNode(), 'sourceContainer'),
				blobParameter: 'sourceBlob',
				blobLabel: labelOf(this.getNode(), 'sourceBlob'),
			},
		},
		{
			containerParameter: 'destinationContainer',
			containerLabel: labelOf(this.getNode(), 'destinationContainer'),
			blobParameter: 'destinationBlob',
			blobLabel: labelOf(this.getNode(), 'destinationBlob'),
		},
	);
}
