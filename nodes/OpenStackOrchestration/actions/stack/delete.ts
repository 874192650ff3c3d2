import type { IExecuteFunctions } from 'n8n-workflow';

import { forOperation, showFor, collection } from '../../../shared/node/description';
import { resolveStack, stackLocator } from '../../stacks';
import { heatRequest } from '../../transport';
import { waitForStack, waitTimeoutOption, waitUntilDeletedParameter } from '../../waiting';

export const description = forOperation(showFor('stack', 'delete'), [
	stackLocator,
	waitUntilDeletedParameter,
	collection('Options', [waitTimeoutOption]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const ref = await resolveStack(this, itemIndex);
	await heatRequest(this, { method: 'DELETE', path: ref.path, json: true });
	const wait = this.getNodeParameter('waitUntilDeleted', itemIndex, false) as boolean;
	if (wait) await waitForStack(this, itemIndex, ref, 'DELETE');
	return {
		id: ref.id,
		name: ref.name,
		deleted: true,
		status: wait ? 'DELETE_COMPLETE' : 'DELETE_IN_PROGRESS',
	};
}
