import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor } from '../common';
import { findFloatingIp, floatingIpParameter, setPort } from './shared';

export const description = forOperation(showFor('floatingIp', 'disassociate'), [
	floatingIpParameter,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const floatingIp = await findFloatingIp(this, itemIndex);
	return await setPort(this, floatingIp.id, { port_id: null });
}
