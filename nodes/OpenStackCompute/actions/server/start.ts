import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, waitParameters } from '../common';
import { runServerAction, serverParameter } from './shared';

export const description = forOperation(showFor('server', 'start'), [
	serverParameter,
	...waitParameters('Wait Until Active', 'Whether to wait until the server is ACTIVE again'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await runServerAction(this, itemIndex, {
		verb: 'start',
		body: { 'os-start': null },
		needs: 'SHUTOFF',
		until: ['ACTIVE'],
	});
}
