import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, serviceRequest, showFor } from '../common';
import { findFloatingIp, floatingIpParameter } from './shared';

export const description = forOperation(showFor('floatingIp', 'delete'), [floatingIpParameter]);

/** Releases the address (also when it is still associated). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const floatingIp = await findFloatingIp(this, itemIndex);
	await serviceRequest(this, 'network', {
		method: 'DELETE',
		path: `/floatingips/${encodeURIComponent(floatingIp.id)}`,
	});
	return {
		id: floatingIp.id,
		floatingIpAddress: floatingIp.floating_ip_address,
		deleted: true,
	};
}
