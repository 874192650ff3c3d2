import type { IExecuteFunctions } from 'n8n-workflow';

import { waitForServer } from '../../../shared/openstack/resources/compute';
import { forOperation, getWait, serviceRequest, showFor, waitParameters } from '../common';
import { findServer, serverParameter } from './shared';

export const description = forOperation(showFor('server', 'delete'), [
	serverParameter,
	...waitParameters('Wait Until Deleted', 'Whether to wait until the server is gone'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const server = await findServer(this, itemIndex);
	const timeoutSeconds = getWait(this, itemIndex);
	await serviceRequest(this, 'compute', {
		method: 'DELETE',
		path: `/servers/${encodeURIComponent(server.id)}`,
	});
	if (timeoutSeconds !== undefined) {
		await waitForServer(this, itemIndex, server, {
			until: ['SOFT_DELETED'],
			untilGone: true,
			timeoutSeconds,
		});
	}
	return { id: server.id, name: server.name, deleted: true, waited: timeoutSeconds !== undefined };
}
