import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { forOperation, showFor } from '../common';
import { getReplicationName, replicationName, replicationPath } from './common';

export const description = forOperation(showFor('replication', 'delete'), [replicationName]);

/** DELETE /replications/:name */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getReplicationName(this, itemIndex);
	await reductRequest(this, { method: 'DELETE', path: replicationPath(name) });
	return { name, deleted: true };
}
