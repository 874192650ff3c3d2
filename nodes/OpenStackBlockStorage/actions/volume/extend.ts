import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { getInteger } from '../../../shared/node/parameters';
import { VOLUME_EXTEND_MICROVERSION } from '../../../shared/openstack/resources/api';
import { waitForVolume } from '../../../shared/openstack/resources/blockStorage';
import { forOperation, getWait, serviceRequest, showFor, waitParameters } from '../common';
import { describeVolume, findVolume, volumeLabel, volumeParameter } from './shared';

export const description = forOperation(showFor('volume', 'extend'), [
	volumeParameter,
	{
		displayName: 'New Size (GB)',
		name: 'newSize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		required: true,
		description: 'The new size in GB; volumes only grow',
	},
	...waitParameters('Wait Until Extended', 'Whether to wait until the volume has its new size'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const volume = await findVolume(this, itemIndex);
	const newSize = getInteger(this, 'newSize', itemIndex, { min: 1, label: 'New Size (GB)' });
	if (newSize <= volume.size) {
		throw parameterError(
			this.getNode(),
			'New Size (GB)',
			`${newSize} GB is not larger than the current size of volume ${volumeLabel(volume)} (${volume.size} GB); volumes only grow`,
			itemIndex,
		);
	}
	const timeoutSeconds = getWait(this, itemIndex);
	const before = volume.status;
	await serviceRequest(this, 'block-storage', {
		method: 'POST',
		path: `/volumes/${encodeURIComponent(volume.id)}/action`,
		body: { 'os-extend': { new_size: newSize } },
		microversion: VOLUME_EXTEND_MICROVERSION,
	});
	const extended = await waitForVolume(this, itemIndex, volume, {
		until: [before === 'in-use' ? 'in-use' : 'available'],
		timeoutSeconds,
	});
	return describeVolume(extended!);
}
