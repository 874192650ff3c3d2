import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getInteger } from '../shared/node/parameters';
import { openStackTime } from '../shared/openstack/dates';
import { waitForStatus } from '../shared/openstack/wait';
import { getStack, type HeatStack, type StackRef } from './stacks';
import { heatRequest } from './transport';

/**
 * "Wait Until Complete": polls the stack until its action completes; on *_FAILED (or a
 * rollback) it reports which resources failed and Heat's reason for each.
 */

export const waitTimeoutOption: INodeProperties = {
	displayName: 'Wait Timeout (Seconds)',
	name: 'waitTimeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 86400 },
	default: 1800,
	description: 'How long to wait for Heat before failing (the stack operation goes on)',
};

export const waitUntilCompleteParameter: INodeProperties = {
	displayName: 'Wait Until Complete',
	name: 'waitUntilComplete',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until Heat has finished, and fail with the failing resources and their reasons if it did not succeed',
};

export const waitUntilDeletedParameter: INodeProperties = {
	displayName: 'Wait Until Deleted',
	name: 'waitUntilDeleted',
	type: 'boolean',
	default: false,
	description: 'Whether to wait until Heat has deleted the stack and its resources',
};

interface HeatResource {
	resource_name: string;
	resource_type?: string;
	resource_status: string;
	resource_status_reason?: string | null;
}

interface HeatEvent extends HeatResource {
	logical_resource_id?: string;
	event_time?: string;
}

/** What failed in a stack: its failed resources with their reasons, else the failure events. */
export async function failureReport(ctx: IExecuteFunctions, ref: StackRef): Promise<string[]> {
	const { resources } = await heatRequest<{ resources: HeatResource[] }>(ctx, {
		path: `${ref.path}/resources`,
		qs: { nested_depth: 3 },
	});
	const line = (entry: HeatResource) =>
		`resource "${entry.resource_name}"${entry.resource_type ? ` (${entry.resource_type})` : ''} ${entry.resource_status}${entry.resource_status_reason ? `: ${entry.resource_status_reason}` : ''}`;
	const failed = (resources ?? []).filter((resource) => /_FAILED$/.test(resource.resource_status));
	if (failed.length > 0) return failed.map(line);
	// Rolled back: the resources are gone, their events remain.
	const { events } = await heatRequest<{ events: HeatEvent[] }>(ctx, {
		path: `${ref.path}/events`,
		qs: { resource_status: 'FAILED', sort_dir: 'desc', limit: 20 },
	});
	return (events ?? [])
		.filter((event) => event.resource_name !== ref.name && event.logical_resource_id !== ref.name)
		.map(line);
}

const GONE = 'GONE';

/**
 * The stack as Heat lists it, or GONE once it is no longer listed. A deleted stack is still
 * readable at its own path (DELETE_COMPLETE) and stays listed a moment longer: a deletion is
 * over when the list no longer shows it.
 */
async function listedStack(ctx: IExecuteFunctions, ref: StackRef): Promise<HeatStack> {
	const { stacks } = await heatRequest<{ stacks: HeatStack[] }>(ctx, {
		path: '/stacks',
		qs: { id: ref.id },
	});
	return (
		(stacks ?? []).find((stack) => stack.id === ref.id) ?? {
			id: ref.id,
			stack_name: ref.name,
			stack_status: GONE,
		}
	);
}

/** The status that decides the wait: an older result of the same action does not count. */
function waitStatus(
	stack: HeatStack,
	action: 'CREATE' | 'UPDATE' | 'DELETE',
	previousUpdate?: string | null,
): string {
	if (action === 'DELETE' && stack.stack_status === 'DELETE_COMPLETE') return 'DELETE_IN_PROGRESS';
	if (
		action === 'UPDATE' &&
		openStackTime(stack.updated_time) === openStackTime(previousUpdate) &&
		!/_IN_PROGRESS$/.test(stack.stack_status)
	)
		return 'UPDATE_NOT_STARTED';
	return stack.stack_status;
}

/**
 * Waits until the stack's `action` completes (for DELETE: until Heat no longer lists it) and
 * returns it; a failure throws an error naming the failing resources with Heat's reasons. For
 * UPDATE, `previousUpdate` (the stack's updated_time before the request) keeps the previous
 * update's result from ending the wait.
 */
export async function waitForStack(
	ctx: IExecuteFunctions,
	itemIndex: number,
	ref: StackRef,
	action: 'CREATE' | 'UPDATE' | 'DELETE',
	previousUpdate?: string | null,
): Promise<HeatStack | undefined> {
	const done = action === 'DELETE' ? GONE : `${action}_COMPLETE`;
	const failures =
		action === 'DELETE'
			? ['DELETE_FAILED']
			: [`${action}_FAILED`, 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED'];
	const timeoutSeconds = getInteger(ctx, 'options.waitTimeout', itemIndex, {
		min: 1,
		max: 86400,
		fallback: 1800,
		label: 'Wait Timeout (Seconds)',
	});
	const result = await waitForStatus<HeatStack>({
		node: ctx.getNode(),
		poll: async () =>
			action === 'DELETE' ? await listedStack(ctx, ref) : await getStack(ctx, ref),
		status: (stack) => waitStatus(stack, action, previousUpdate),
		until: [done, ...failures],
		timeoutSeconds,
		describe: `stack "${ref.name}"`,
		itemIndex,
		maxIntervalMs: 10_000,
	});
	const stack = result.resource;
	if (!stack || stack.stack_status === GONE) return undefined;
	if (stack.stack_status !== done) {
		const report = await failureReport(ctx, ref);
		throw new NodeOperationError(
			ctx.getNode(),
			`The stack "${ref.name}" went to ${stack.stack_status}: ${report.length > 0 ? report.join('; ') : (stack.stack_status_reason ?? 'Heat gave no reason')}`,
			{
				itemIndex,
				description: `Heat's reason: ${stack.stack_status_reason ?? 'none given'}. The stack (ID ${stack.id}) still exists: update it or delete it.`,
			},
		);
	}
	return stack;
}
