import type { IExecuteFunctions } from 'n8n-workflow';

import { openBinaryInput } from '../../../shared/node/binary';
import { getLocatorValue } from '../../../shared/node/parameters';
import { contentHeaderOptions } from '../../../shared/node/description';
import type { AzureConnection } from '../../../shared/storage/drivers/azure/client';
import { uploadBlob } from '../../../shared/storage/drivers/azure/blobs';
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
	{
		displayName: 'Blob Name',
		name: 'blobName',
		type: 'string',
		default: '',
		placeholder: 'e.g. reports/2026/summary.pdf',
		description: "The blob's name. Leave empty to use the binary file's name.",
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the input binary property holding the file to upload',
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
			{
				displayName: 'Expected MD5',
				name: 'expectedMd5',
				type: 'string',
				default: '',
				description: 'Hex MD5 the uploaded bytes must have; on a mismatch nothing is committed',
			},
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
		],
	},
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

function wholeNumber(
	ctx: IExecuteFunctions,
	value: unknown,
	parameter: string,
	min: number,
	max: number,
	itemIndex: number,
) {
	if (value === undefined || value === '') return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw invalid(
			ctx.getNode(),
			parameter,
			`${String(value)} must be a whole number from ${min} to ${max}`,
			itemIndex,
		);
	}
	return number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, azure: AzureConnection) {
	const node = this.getNode();
	// Every parameter is checked before the binary is opened: bad input writes nothing.
	const container = getLocatorValue(this, 'container', itemIndex);
	assertContainerName(container, 'container', labelOf(this.getNode(), 'container'));
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const metadata = checkMetadata(
		entriesOf(options.metadata),
		'metadata',
		labelOf(this.getNode(), 'metadata'),
	);
	const tags = checkTags(entriesOf(options.tags), 'tags', labelOf(this.getNode(), 'tags'));
	if (options.accessTier)
		assertAccessTier(options.accessTier, 'accessTier', labelOf(this.getNode(), 'accessTier'));
	const expectedMd5 = readExpectedMd5(options.expectedMd5);
	const blockSize = wholeNumber(this, options.blockSize, 'blockSize', 1, 4000, itemIndex);
	const concurrency = wholeNumber(this, options.concurrency, 'concurrency', 1, 64, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!property) throw invalid(node, 'binaryPropertyName', 'it must not be empty', itemIndex);
	if (!this.getInputData()[itemIndex]?.binary?.[property]) {
		throw invalid(
			node,
			'binaryPropertyName',
			`the input item has no binary property "${property}"`,
			itemIndex,
		);
	}
	const named = String(this.getNodeParameter('blobName', itemIndex, '')).trim();
	const fileName = this.getInputData()[itemIndex].binary![property].fileName;
	const blob = named || fileName || '';
	if (!named && !fileName) {
		throw invalid(node, 'blobName', 'set it: the binary data has no file name to use', itemIndex);
	}
	assertBlobName(blob, 'blobName', labelOf(this.getNode(), 'blobName'));

	const input = await openBinaryInput(this, itemIndex);
	return await uploadBlob(
		azure,
		container,
		blob,
		input.body,
		{
			contentType: options.contentType || input.mimeType,
			cacheControl: options.cacheControl,
			contentDisposition: options.contentDisposition,
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
			containerLabel: labelOf(this.getNode(), 'container'),
			blobParameter: 'blobName',
			blobLabel: labelOf(this.getNode(), 'blobName'),
		},
	);
}
