import type { IExecuteFunctions } from 'n8n-workflow';

import { collection, contentHeaderOptions } from '../../../shared/node/description';
import { getIntegerOption, getLocatorValue } from '../../../shared/node/parameters';
import {
	expectedMd5Option,
	readContentHeaders,
	uploadBinary,
	uploadSource,
} from '../../../shared/node/upload';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { uploadBlob } from '../../../shared/storage/drivers/azure/upload';
import { readExpectedMd5 } from '../../../shared/storage/md5';
import {
	assertAccessTier,
	assertBlobName,
	assertContainerName,
	checkMetadata,
	checkTags,
	type AccessTier,
} from '../../../shared/storage/drivers/azure/names';
import { labelOf } from '../../../shared/node/errors';
import {
	TIER_OPTIONS,
	containerLocator,
	entriesOf,
	forOperation,
	invalid,
	nameValueList,
	showFor,
} from '../common';

const displayOptions = showFor('blob', 'upload');

export const description = forOperation(displayOptions, [
	containerLocator(),
	...uploadSource('blobName', 'Blob Name', "The blob's name"),
	collection('Options', [
		{
			displayName: 'Access Tier',
			name: 'accessTier',
			type: 'options',
			options: [{ name: 'Account Default', value: '' }, ...TIER_OPTIONS],
			default: '',
			description: 'The tier to store the blob in',
		},
		{
			displayName: 'Block Size (MiB)',
			name: 'blockSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 4000 },
			default: 8,
			description: 'Size of each staged block; memory use is about block size × concurrency',
		},
		...contentHeaderOptions("The blob's MIME type. Defaults to the binary data's MIME type."),
		expectedMd5Option,
		{
			displayName: 'Fail If It Exists',
			name: 'ifNotExists',
			type: 'boolean',
			default: false,
			description: 'Whether to refuse to replace an existing blob of the same name',
		},
		{
			displayName: 'Max Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 64 },
			default: 5,
			description: 'How many blocks to upload at the same time',
		},
		nameValueList(
			'Metadata',
			'metadata',
			'Add metadata',
			'Name/value pairs stored with the blob. Names: letters, digits and "_".',
		),
		nameValueList(
			'Tags',
			'tags',
			'Add tag',
			'Blob index tags (up to 10), searchable across the account',
		),
	]),
]);

interface Options {
	accessTier?: string;
	blockSize?: number;
	cacheControl?: string;
	contentDisposition?: string;
	contentType?: string;
	expectedMd5?: string;
	ifNotExists?: boolean;
	concurrency?: number;
	metadata?: unknown;
	tags?: unknown;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const node = this.getNode();
	// Every parameter is checked before the binary is opened: bad input writes nothing.
	const container = getLocatorValue(this, 'container', itemIndex);
	assertContainerName(container, 'container', labelOf(node, 'container'));
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const metadata = checkMetadata(
		entriesOf(options.metadata),
		'metadata',
		labelOf(node, 'metadata'),
	);
	const tags = checkTags(entriesOf(options.tags), 'tags', labelOf(node, 'tags'));
	if (options.accessTier)
		assertAccessTier(options.accessTier, 'accessTier', labelOf(node, 'accessTier'));
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const blockSize = getIntegerOption(this, options, 'blockSize', itemIndex, { min: 1, max: 4000 });
	const concurrency = getIntegerOption(this, options, 'concurrency', itemIndex, {
		min: 1,
		max: 64,
	});
	const checkName = (blob: string) => {
		if (!blob) throw invalid(node, 'blobName', 'set it: the binary data has no file name to use');
		assertBlobName(blob, 'blobName', labelOf(node, 'blobName'));
	};
	return await uploadBinary(
		this,
		itemIndex,
		'blobName',
		checkName,
		async (input) =>
			await uploadBlob(
				azure,
				container,
				input.name,
				input.body,
				{
					...readContentHeaders(options, input),
					metadata,
					tags,
					tier: (options.accessTier || undefined) as AccessTier | undefined,
					ifNotExists: options.ifNotExists,
					expectedMd5,
					size: input.size,
					blockSize: blockSize === undefined ? undefined : blockSize * 1024 * 1024,
					concurrency,
				},
				{
					containerParameter: 'container',
					containerLabel: labelOf(node, 'container'),
					blobParameter: 'blobName',
					blobLabel: labelOf(node, 'blobName'),
				},
			),
	);
}
