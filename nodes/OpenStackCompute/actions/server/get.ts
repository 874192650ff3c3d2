import type { IExecuteFunctions } from 'n8n-workflow';

import { describeServer, getServer } from '../../../shared/openstack/resources/compute';
import { forOperation, showFor } from '../common';
import { findServer, serverParameter } from './shared';

export const description = forOperation(showFor('server', 'get'), [serverParameter]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { id } = await findServer(this, itemIndex);
	return describeServer(await getServer(this, id));
}
