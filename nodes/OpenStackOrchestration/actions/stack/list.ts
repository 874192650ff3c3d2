import type { IExecuteFunctions } from 'n8n-workflow';

import {
	forOperation,
	returnAllAndLimit,
	showFor,
	collection,
} from '../../../shared/node/description';
import { getListLimit } from '../../../shared/node/parameters';
import { describeStack, type HeatStack } from '../../stacks';
import { heatRequestAll } from '../../transport';

const ACTIONS = [
	'CREATE',
	'UPDATE',
	'DELETE',
	'ROLLBACK',
	'SUSPEND',
	'RESUME',
	'CHECK',
	'SNAPSHOT',
];
const STATES = ['COMPLETE', 'FAILED', 'IN_PROGRESS'];
const label = (value: string) =>
	value
		.split('_')
		.map((word) => word[0] + word.slice(1).toLowerCase())
		.join(' ');

export const description = forOperation(showFor('stack', 'list'), [
	...returnAllAndLimit,
	collection('Filters', [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only the stack with this exact name',
		},
		{
			displayName: 'Status Names or IDs',
			name: 'status',
			type: 'multiOptions',
			options: [
				...STATES.map((state) => ({
					name: `Any ${label(state)}`,
					value: state,
					description: `${label(state)}, whatever the action`,
				})),
				...ACTIONS.flatMap((action) =>
					STATES.map((state) => ({
						name: label(`${action}_${state}`),
						value: `${action}_${state}`,
					})),
				),
			],
			default: [],
			description: 'Only stacks in one of these statuses',
		},
	]),
]);

/** Whether a stack's status is one of those chosen ("COMPLETE" alone: any action). */
function chosen(status: string, statuses: string[]): boolean {
	return statuses.some(
		(wanted) => status === wanted || (status.endsWith(`_${wanted}`) && STATES.includes(wanted)),
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('filters.name', itemIndex, '')).trim();
	const statuses = this.getNodeParameter('filters.status', itemIndex, []) as string[];
	const limit = getListLimit(this, itemIndex);
	// Heat reads a repeated ?status= as "any of these", but turns CREATE_FAILED into an action
	// filter applied to every status asked for: only the states (COMPLETE, FAILED, IN_PROGRESS)
	// are sent, which narrows the list, and the exact statuses are kept here.
	const query = new URLSearchParams();
	if (name) query.append('name', name);
	const states = new Set(statuses.map((status) => STATES.find((state) => status.endsWith(state))));
	for (const state of states) if (state) query.append('status', state);
	const stacks = await heatRequestAll<HeatStack>(
		this,
		{ path: `/stacks${query.size > 0 ? `?${query.toString()}` : ''}` },
		'stacks',
		statuses.length > 0 ? undefined : limit,
	);
	const kept =
		statuses.length > 0 ? stacks.filter((stack) => chosen(stack.stack_status, statuses)) : stacks;
	return kept.slice(0, limit).map(describeStack);
}
