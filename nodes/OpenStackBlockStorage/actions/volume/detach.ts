import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../../shared/node/errors';
import { attachedServers, waitForVolume } from '../../../shared/openstack/resources/blockStorage';
import { serverFinder } from '../../../shared/openstack/resources/compute';
import { findFromParameter, locatorInput } from '../../../shared/openstack/resources/lookup';
import { serverLocator } from '../../../shared/openstack/resources/locators';
import { forOperation, getWait, serviceRequest, showFor, waitParameters } from '../common';
import { describeVolume, findVolume, volumeLabel, volumeParameter } from './shared';

export const description = forOperation(showFor('volume', 'detach'), [
	volumeParameter,
	serverLocator({
		required: false,
		description:
			'The server to detach the volume from; empty for the one it is attached to (needed when it is attached to several)',
	}),
	...waitParameters('Wait Until Detached', 'Whether to wait until the volume is available again'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const volume = await findVolume(this, itemIndex);
	const servers = attachedServers(volume);
	if (servers.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot detach volume ${volumeLabel(volume)}: it is ${volume.status}, attached to no server`,
			{ itemIndex },
		);
	}
	let serverId: string;
	if (locatorInput(this, 'server', itemIndex).value) {
		serverId = (await findFromParameter(this, itemIndex, 'server', 'Server', serverFinder)).id;
		if (!servers.includes(serverId))
			throw parameterError(
				this.getNode(),
				'Server',
				`volume ${volumeLabel(volume)} is not attached to it (it is attached to ${servers.join(', ')})`,
				itemIndex,
			);
	} else if (servers.length > 1) {
		throw parameterError(
			this.getNode(),
			'Server',
			`volume ${volumeLabel(volume)} is attached to ${servers.length} servers (${servers.join(', ')}): choose one`,
			itemIndex,
		);
	} else {
		serverId = servers[0];
	}
	const timeoutSeconds = getWait(this, itemIndex);
	await serviceRequest(this, 'compute', {
		method: 'DELETE',
		path: `/servers/${encodeURIComponent(serverId)}/os-volume_attachments/${encodeURIComponent(volume.id)}`,
	});
	const detached = await waitForVolume(this, itemIndex, volume, {
		until: servers.length > 1 ? ['in-use'] : ['available'],
		failOn: ['error', 'error_detaching'],
		timeoutSeconds,
	});
	return { ...describeVolume(detached!), detachedFrom: serverId };
}
