import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { waitForStatus } from '../shared/openstack/wait';
import { getWaitTimeout } from './inputs';

/**
 * "Wait Until Active" and "Wait Until Deleted": Designate answers changes with 202 and status
 * PENDING, then pushes them to its name servers; these poll until ACTIVE (or gone), and fail
 * on ERROR.
 */

export const waitUntilActiveParameter: INodeProperties = {
	displayName: 'Wait Until Active',
	name: 'waitUntilActive',
	type: 'boolean',
	default: false,
	description:
		'Whether to wait until Designate reports the change ACTIVE on its name servers (else the output shows it PENDING)',
};

export const waitUntilDeletedParameter: INodeProperties = {
	displayName: 'Wait Until Deleted',
	name: 'waitUntilDeleted',
	type: 'boolean',
	default: false,
	description: 'Whether to wait until Designate has removed it from its name servers',
};

interface Waitable {
	status?: string;
}

export async function waitUntilActive<T extends Waitable>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	describe: string,
	poll: () => Promise<T>,
): Promise<T> {
	const result = await waitForStatus<T>({
		node: ctx.getNode(),
		poll,
		status: (resource) => resource.status,
		until: ['ACTIVE'],
		failOn: ['ERROR'],
		timeoutSeconds: getWaitTimeout(ctx, 'options.waitTimeout', itemIndex),
		describe,
		itemIndex,
	});
	return result.resource as T;
}

export async function waitUntilGone<T extends Waitable>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	describe: string,
	poll: () => Promise<T>,
): Promise<void> {
	await waitForStatus<T>({
		node: ctx.getNode(),
		poll,
		status: (resource) => resource.status,
		failOn: ['ERROR'],
		untilGone: true,
		timeoutSeconds: getWaitTimeout(ctx, 'options.waitTimeout', itemIndex),
		describe,
		itemIndex,
	});
}
