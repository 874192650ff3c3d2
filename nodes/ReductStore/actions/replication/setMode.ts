import type { IExecuteFunctions } from 'n8n-workflow';

import { reductRequest } from '../../transport';
import { forOperation, showFor } from '../common';
import { getReplicationName, MODES, replicationName, replicationPath } from './common';

export const description = forOperation(showFor('replication', 'setMode'), [
	replicationName,
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: MODES,
		default: 'enabled',
	},
]);

/** PATCH /replications/:name/mode {"mode"} */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = getReplicationName(this, itemIndex);
	const mode = this.getNodeParameter('mode', itemIndex, 'enabled') as string;
	await reductRequest(this, {
		method: 'PATCH',
		path: `${replicationPath(name)}/mode`,
		body: { mode },
	});
	return { name, mode };
}
