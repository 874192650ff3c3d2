import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listLocator } from '../shared/node/description';
import { parameterError } from '../shared/node/errors';
import { openStackTime } from '../shared/openstack/dates';
import { heatRequest } from './transport';

/** A stack as Heat's v1 API returns it (lists give fewer fields than a get). */
export interface HeatStack {
	id: string;
	stack_name: string;
	stack_status: string;
	stack_status_reason?: string | null;
	description?: string | null;
	template_description?: string | null;
	creation_time?: string | null;
	updated_time?: string | null;
	deletion_time?: string | null;
	parameters?: Record<string, unknown>;
	outputs?: Array<{
		output_key: string;
		output_value?: unknown;
		description?: string;
		output_error?: string;
	}>;
	tags?: string[] | null;
	timeout_mins?: number | null;
	disable_rollback?: boolean;
	stack_owner?: string | null;
	parent?: string | null;
	project?: string;
}

/** Where a stack lives: Heat's canonical path `/stacks/{name}/{id}`. */
export interface StackRef {
	id: string;
	name: string;
	path: string;
}

export const STACK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const stackLocator: INodeProperties = listLocator({
	name: 'stack',
	displayName: 'Stack',
	description: 'The stack, from the list, by name or by ID',
	searchMethod: 'searchStacks',
	placeholder: 'e.g. web-tier',
	typedMode: 'name',
	extraModes: [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, which has no default
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3095aefc-09fb-4bc7-b1f0-f21a304e864c',
		},
	],
});

export function stackRef(stack: Pick<HeatStack, 'id' | 'stack_name'>): StackRef {
	return {
		id: stack.id,
		name: stack.stack_name,
		path: `/stacks/${encodeURIComponent(stack.stack_name)}/${encodeURIComponent(stack.id)}`,
	};
}

/** The stack the "Stack" parameter names, found with Heat's list filters (no redirects). */
export async function resolveStack(ctx: IExecuteFunctions, itemIndex: number): Promise<StackRef> {
	const raw = ctx.getNodeParameter('stack', itemIndex) as INodeParameterResourceLocator | string;
	const mode = typeof raw === 'object' && raw !== null ? raw.mode : 'name';
	const value = String((typeof raw === 'object' && raw !== null ? raw.value : raw) ?? '').trim();
	if (!value)
		throw parameterError(ctx.getNode(), 'stack', 'it must not be empty', itemIndex, 'Stack');
	const byId = mode !== 'name' || STACK_ID.test(value);
	if (byId && !STACK_ID.test(value))
		throw parameterError(
			ctx.getNode(),
			'stack',
			`"${value}" is not a stack ID`,
			itemIndex,
			'Stack',
		);
	const { stacks } = await heatRequest<{ stacks: HeatStack[] }>(ctx, {
		path: '/stacks',
		qs: byId ? { id: value } : { name: value },
	});
	const found = (stacks ?? []).find((stack) =>
		byId ? stack.id === value : stack.stack_name === value,
	);
	if (!found) {
		throw new NodeOperationError(
			ctx.getNode(),
			`There is no stack ${byId ? 'with ID' : 'named'} "${value}" in this project`,
			{
				itemIndex,
				description: 'Check the parameter "Stack" (and the project of the OpenStack credential)',
			},
		);
	}
	return stackRef(found);
}

export async function getStack(ctx: IExecuteFunctions, ref: StackRef): Promise<HeatStack> {
	return (await heatRequest<{ stack: HeatStack }>(ctx, { path: ref.path })).stack;
}

const PSEUDO_PARAMETERS = ['OS::stack_id', 'OS::stack_name', 'OS::project_id'];

/** A stack in the node's words: outputs as fields of `outputs`, times as ISO 8601. */
export function describeStack(stack: HeatStack): IDataObject {
	const described: IDataObject = {
		id: stack.id,
		name: stack.stack_name,
		status: stack.stack_status,
		statusReason: stack.stack_status_reason ?? null,
		description: stack.description ?? stack.template_description ?? null,
		createdAt: openStackTime(stack.creation_time),
		updatedAt: openStackTime(stack.updated_time),
		tags: stack.tags ?? [],
	};
	if (stack.deletion_time) described.deletedAt = openStackTime(stack.deletion_time);
	if (stack.parent) described.parentId = stack.parent;
	if (stack.stack_owner) described.owner = stack.stack_owner;
	if (stack.timeout_mins !== undefined) described.timeoutMinutes = stack.timeout_mins;
	if (stack.disable_rollback !== undefined) described.rollback = !stack.disable_rollback;
	if (stack.parameters) {
		described.parameters = Object.fromEntries(
			Object.entries(stack.parameters).filter(([key]) => !PSEUDO_PARAMETERS.includes(key)),
		);
	}
	if (stack.outputs) {
		described.outputs = Object.fromEntries(
			stack.outputs.map((output) => [output.output_key, output.output_value ?? null]),
		);
		const errors = stack.outputs.filter((output) => output.output_error);
		if (errors.length > 0) {
			described.outputErrors = Object.fromEntries(
				errors.map((output) => [output.output_key, output.output_error]),
			);
		}
	}
	return described;
}
