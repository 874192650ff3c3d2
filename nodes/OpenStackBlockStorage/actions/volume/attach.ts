import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { waitForVolume } from '../../../shared/openstack/resources/blockStorage';
import { serverFinder } from '../../../shared/openstack/resources/compute';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { serverLocator } from '../../../shared/openstack/resources/locators';
import {
	optionsCollection,
	forOperation,
	getWait,
	serviceRequest,
	showFor,
	waitParameters,
} from '../common';
import { describeVolume, findVolume, volumeLabel, volumeParameter } from './shared';

export const description = forOperation(showFor('volume', 'attach'), [
	volumeParameter,
	serverLocator({ description: 'The server to attach the volume to' }),
	...waitParameters('Wait Until Attached', 'Whether to wait until the volume is in-use'),
	optionsCollection([
		{
			displayName: 'Device',
			name: 'device',
			type: 'string',
			default: '',
			placeholder: 'e.g. /dev/vdb',
			description:
				'The device name to ask for; empty lets Nova choose (many hypervisors ignore it)',
		},
	]),
]);

/** Attaches through Compute (Nova's volume attachments), as OpenStack clients do. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const volume = await findVolume(this, itemIndex);
	const server = await findFromParameter(this, itemIndex, 'server', 'Server', serverFinder);
	if (volume.status !== 'available' && !volume.multiattach) {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot attach volume ${volumeLabel(volume)}: it is ${volume.status}`,
			{
				itemIndex,
				description:
					volume.status === 'in-use'
						? 'It is attached to another server already: detach it first.'
						: 'A volume can be attached when it is available.',
			},
		);
	}
	const timeoutSeconds = getWait(this, itemIndex);
	const device = String(
		(this.getNodeParameter('options', itemIndex, {}) as IDataObject).device ?? '',
	).trim();
	const { volumeAttachment } = await serviceRequest<{ volumeAttachment: IDataObject }>(
		this,
		'compute',
		{
			method: 'POST',
			path: `/servers/${encodeURIComponent(server.id)}/os-volume_attachments`,
			body: { volumeAttachment: { volumeId: volume.id, ...(device ? { device } : {}) } },
		},
	);
	const attached = await waitForVolume(this, itemIndex, volume, {
		until: ['in-use'],
		failOn: ['error', 'error_attaching'],
		timeoutSeconds,
	});
	return {
		...describeVolume(attached!),
		serverId: server.id,
		serverName: server.name,
		device: volumeAttachment?.device ?? null,
	};
}
