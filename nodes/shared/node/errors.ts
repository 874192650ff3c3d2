import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { StorageError } from '../storage/errors';
import { parameterLabel } from '../storage/names';

/** Turns anything thrown by a driver or the transport into the n8n error shown to the user. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof StorageError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: error.parameter ? `Check the parameter ${parameterLabel(error.parameter)}` : undefined,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

/** A bad-input error that names the parameter as n8n shows it. */
export function parameterError(node: INode, parameter: string, problem: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `Invalid ${parameterLabel(parameter)}: ${problem}`, {
		itemIndex,
		description: `Check the parameter ${parameterLabel(parameter)}`,
	});
}
