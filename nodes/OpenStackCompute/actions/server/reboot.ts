import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, waitParameters } from '../common';
import { runServerAction, serverParameter } from './shared';

export const description = forOperation(showFor('server', 'reboot'), [
	serverParameter,
	{
		displayName: 'Reboot Type',
		name: 'rebootType',
		type: 'options',
		options: [
			{ name: 'Soft', value: 'SOFT', description: 'Ask the operating system to restart' },
			{ name: 'Hard', value: 'HARD', description: 'Power-cycle the server' },
		],
		default: 'SOFT',
	},
	...waitParameters('Wait Until Active', 'Whether to wait until the server is ACTIVE again'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const type = this.getNodeParameter('rebootType', itemIndex, 'SOFT') === 'HARD' ? 'HARD' : 'SOFT';
	return await runServerAction(this, itemIndex, {
		verb: type === 'HARD' ? 'hard-reboot' : 'reboot',
		body: { reboot: { type } },
		needs: type === 'HARD' ? 'ACTIVE, SHUTOFF or in ERROR' : 'ACTIVE',
		until: ['ACTIVE'],
	});
}
