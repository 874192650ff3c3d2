import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, waitParameters } from '../common';
import { runServerAction, serverParameter } from './shared';

export const description = forOperation(showFor('server', 'stop'), [
	serverParameter,
	...waitParameters('Wait Until Stopped', 'Whether to wait until the server is SHUTOFF'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await runServerAction(this, itemIndex, {
		verb: 'stop',
		body: { 'os-stop': null },
		needs: 'ACTIVE, or in ERROR',
		until: ['SHUTOFF'],
	});
}
