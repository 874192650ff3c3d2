import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { forOperation, showFor } from '../common';
import { getReplicationName, replicationName, replicationPath } from './common';

export const description = forOperation(showFor('replication', 'get'), [replicationName]);

/** GET /replications/:name: info, settings and the last hour's diagnostics (errors by code). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await reductRequest(this, { path: replicationPath(getReplicationName(this, itemIndex)) });
}
