import type { IExecuteFunctions } from 'n8n-workflow';

import { getInteger } from '../../../shared/node/parameters';
import { forOperation, serviceRequest, showFor } from '../common';
import { findServer, serverParameter } from './shared';

export const description = forOperation(showFor('server', 'getConsoleLog'), [
	serverParameter,
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		description: 'How many of the last lines to get; 0 for the whole log',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const server = await findServer(this, itemIndex);
	const lines = getInteger(this, 'lines', itemIndex, { min: 0, fallback: 100 });
	const { output } = await serviceRequest<{ output: string }>(this, 'compute', {
		method: 'POST',
		path: `/servers/${encodeURIComponent(server.id)}/action`,
		body: { 'os-getConsoleOutput': lines > 0 ? { length: lines } : {} },
		retrySafe: true,
	});
	return {
		serverId: server.id,
		serverName: server.name,
		lines: output ? output.split('\n').length : 0,
		output: output ?? '',
	};
}
