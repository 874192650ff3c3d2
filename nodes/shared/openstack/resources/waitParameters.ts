import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getInteger } from '../../node/parameters';

/**
 * "Wait Until …" and its timeout, for operations OpenStack finishes after answering (create,
 * start, stop, extend, attach, delete). Read with `getWait`.
 */
export function waitParameters(displayName: string, description: string): INodeProperties[] {
	return [
		{
			displayName,
			name: 'wait',
			type: 'boolean',
			default: true,
			description,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: 'How long to wait at most; the operation itself may still finish later',
			displayOptions: { show: { wait: [true] } },
		},
	];
}

/** The wait timeout in seconds, or undefined when the user does not want to wait. */
export function getWait(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (!(ctx.getNodeParameter('wait', itemIndex, true) as boolean)) return undefined;
	return getInteger(ctx, 'waitTimeout', itemIndex, {
		min: 1,
		max: 86_400,
		fallback: 600,
		label: 'Timeout (Seconds)',
	});
}
