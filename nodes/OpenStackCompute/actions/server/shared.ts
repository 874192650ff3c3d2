import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	describeServer,
	getServer,
	serverFinder,
	waitForServer,
	type NovaServer,
} from '../../../shared/openstack/resources/compute';
import { onHttpStatus } from '../../../shared/openstack/resources/errors';
import { findFromParameter } from '../../../shared/openstack/resources/lookup';
import { serverLocator } from '../../../shared/openstack/resources/locators';
import { getWait, serviceRequest } from '../common';

export const serverParameter = serverLocator();

/** The server the "Server" parameter names (by ID, by name or from the list). */
export async function findServer(ctx: IExecuteFunctions, itemIndex: number): Promise<NovaServer> {
	return await findFromParameter(ctx, itemIndex, 'server', 'Server', serverFinder);
}

export interface ServerAction {
	/** What the user asked for, for messages: 'start'. */
	verb: string;
	/** The action body: `{ 'os-start': null }`. */
	body: Record<string, unknown>;
	/** The statuses the action needs, for messages: 'SHUTOFF'. */
	needs: string;
	/** Where the server is once the action is done. */
	until: string[];
}

/**
 * Runs a server action (start, stop, reboot) and, when asked, waits until the server got where
 * the action leads. A server in a state that forbids the action is refused with that state.
 */
export async function runServerAction(
	ctx: IExecuteFunctions,
	itemIndex: number,
	action: ServerAction,
) {
	const server = await findServer(ctx, itemIndex);
	const timeoutSeconds = getWait(ctx, itemIndex);
	await onHttpStatus(
		[409],
		async () =>
			await serviceRequest(ctx, 'compute', {
				method: 'POST',
				path: `/servers/${encodeURIComponent(server.id)}/action`,
				body: action.body,
			}),
		async (error) => {
			const now = await getServer(ctx, server.id);
			const task = now['OS-EXT-STS:task_state'];
			throw new NodeOperationError(
				ctx.getNode(),
				`Cannot ${action.verb} server "${now.name}": it is ${now.status}${task ? ` (${task})` : ''}`,
				{
					itemIndex,
					description: `To ${action.verb}, a server must be ${action.needs}. Nova says: ${error.message}`,
				},
			);
		},
	);
	const done = await waitForServer(ctx, itemIndex, server, {
		until: action.until,
		timeoutSeconds,
	});
	return { ...describeServer(done!), action: action.verb };
}
