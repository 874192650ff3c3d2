import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { waitForStatus } from '../../../shared/openstack/wait';
import { snapshotFinder } from '../../../shared/openstack/resources/blockStorage';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { snapshotLocator } from '../../../shared/openstack/resources/locators';
import { forOperation, getWait, serviceRequest, showFor, waitParameters } from '../common';

export const description = forOperation(showFor('snapshot', 'delete'), [
	snapshotLocator(),
	...waitParameters('Wait Until Deleted', 'Whether to wait until the snapshot is gone'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const snapshot = await findFromParameter(this, itemIndex, 'snapshot', 'Snapshot', snapshotFinder);
	const timeoutSeconds = getWait(this, itemIndex);
	const path = `/snapshots/${encodeURIComponent(snapshot.id)}`;
	await serviceRequest(this, 'block-storage', { method: 'DELETE', path });
	if (timeoutSeconds !== undefined)
		await waitForStatus<IDataObject>({
			node: this.getNode(),
			poll: async () =>
				(await serviceRequest<{ snapshot: IDataObject }>(this, 'block-storage', { path })).snapshot,
			status: (found) => found.status as string,
			untilGone: true,
			failOn: ['error_deleting'],
			timeoutSeconds,
			describe: `snapshot "${snapshot.name || snapshot.id}"`,
			itemIndex,
		});
	return {
		id: snapshot.id,
		name: snapshot.name,
		deleted: true,
		waited: timeoutSeconds !== undefined,
	};
}
