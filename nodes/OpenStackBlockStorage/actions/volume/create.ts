import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
import {
	snapshotFinder,
	waitForVolume,
	type CinderVolume,
} from '../../../shared/openstack/resources/blockStorage';
import { imageFinder } from '../../../shared/openstack/resources/image';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { imageLocator, snapshotLocator } from '../../../shared/openstack/resources/locators';
import {
	optionsCollection,
	forOperation,
	getWait,
	serviceRequest,
	showFor,
	waitParameters,
} from '../common';
import { describeVolume } from './shared';

const GIB = 1024 ** 3;

export const description = forOperation(showFor('volume', 'create'), [
	{
		displayName: 'Size (GB)',
		name: 'size',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		description: 'The size of the volume in GB (GiB); at least the size of its source',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. data-1',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Empty Volume', value: 'none' },
			{ name: 'Image', value: 'image', description: 'A bootable copy of an image' },
			{ name: 'Snapshot', value: 'snapshot', description: 'A copy of a volume snapshot' },
		],
		default: 'none',
	},
	{ ...imageLocator(), displayOptions: { show: { source: ['image'] } } },
	{ ...snapshotLocator(), displayOptions: { show: { source: ['snapshot'] } } },
	...waitParameters(
		'Wait Until Available',
		'Whether to wait until the volume is available (a volume that goes to error fails)',
	),
	optionsCollection([
		{
			displayName: 'Availability Zone',
			name: 'availabilityZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. nova',
		},
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{
			displayName: 'Volume Type',
			name: 'volumeType',
			type: 'string',
			default: '',
			placeholder: 'e.g. CEPH_1_perf1',
			description: "The volume type (performance class); empty for the cloud's default",
		},
	]),
]);

interface Options {
	availabilityZone?: string;
	description?: string;
	volumeType?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const size = getInteger(this, 'size', itemIndex, { min: 1, label: 'Size (GB)' });
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	if (name.length > 255)
		throw parameterError(this.getNode(), 'Name', 'it is longer than 255 characters', itemIndex);
	const source = this.getNodeParameter('source', itemIndex, 'none') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const timeoutSeconds = getWait(this, itemIndex);
	const body: IDataObject = { size };
	if (name) body.name = name;
	if (options.description) body.description = options.description;
	if (options.volumeType?.trim()) body.volume_type = options.volumeType.trim();
	if (options.availabilityZone?.trim()) body.availability_zone = options.availabilityZone.trim();
	if (source === 'snapshot') {
		const snapshot = await findFromParameter(
			this,
			itemIndex,
			'snapshot',
			'Snapshot',
			snapshotFinder,
		);
		if (typeof snapshot.size === 'number' && size < snapshot.size)
			throw parameterError(
				this.getNode(),
				'Size (GB)',
				`${size} GB is smaller than the snapshot (${snapshot.size} GB)`,
				itemIndex,
			);
		body.snapshot_id = snapshot.id;
	} else if (source === 'image') {
		const image = await findFromParameter(this, itemIndex, 'image', 'Image', imageFinder);
		const needed = Math.max(
			Number(image.min_disk ?? 0),
			Math.ceil(Number(image.virtual_size ?? image.size ?? 0) / GIB),
		);
		if (size < needed)
			throw parameterError(
				this.getNode(),
				'Size (GB)',
				`${size} GB is smaller than the image needs (${needed} GB)`,
				itemIndex,
			);
		body.imageRef = image.id;
	}
	const { volume: created } = await serviceRequest<{ volume: CinderVolume }>(
		this,
		'block-storage',
		{ method: 'POST', path: '/volumes', body: { volume: body } },
	);
	const volume = await waitForVolume(this, itemIndex, created, {
		until: ['available'],
		timeoutSeconds,
	});
	return describeVolume(volume!);
}
