import type { IExecuteFunctions } from 'n8n-workflow';

import { waitForVolume } from '../../../shared/openstack/resources/blockStorage';
import { forOperation, getWait, serviceRequest, showFor, waitParameters } from '../common';
import { findVolume, volumeParameter } from './shared';

export const description = forOperation(showFor('volume', 'delete'), [
	volumeParameter,
	{
		displayName: 'Delete Snapshots Too',
		name: 'cascade',
		type: 'boolean',
		default: false,
		description:
			"Whether to delete the volume's snapshots with it (otherwise a volume with snapshots is refused)",
	},
	...waitParameters('Wait Until Deleted', 'Whether to wait until the volume is gone'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const volume = await findVolume(this, itemIndex);
	const cascade = this.getNodeParameter('cascade', itemIndex, false) as boolean;
	const timeoutSeconds = getWait(this, itemIndex);
	await serviceRequest(this, 'block-storage', {
		method: 'DELETE',
		path: `/volumes/${encodeURIComponent(volume.id)}`,
		qs: cascade ? { cascade: true } : undefined,
	});
	if (timeoutSeconds !== undefined)
		await waitForVolume(this, itemIndex, volume, {
			until: ['deleted'],
			untilGone: true,
			timeoutSeconds,
		});
	return { id: volume.id, name: volume.name, deleted: true, waited: timeoutSeconds !== undefined };
}
