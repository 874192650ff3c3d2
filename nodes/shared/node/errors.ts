import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidNameError, StorageError } from '../storage/errors';
import { parameterLabel, parameterName } from '../storage/names';
import { displayNameOf } from './labels';

/** A parameter as n8n shows it for this node, in quotes ("Part Size (MiB)"). */
export function labelOf(node: INode | undefined, parameter: string, displayName?: string): string {
	return parameterLabel(parameter, displayName ?? displayNameOf(node, parameter));
}

/** A parameter as n8n shows it for this node, without quotes (Part Size (MiB)). */
export function nameOf(node: INode | undefined, parameter: string): string {
	return parameterName(parameter, displayNameOf(node, parameter));
}

/** Turns anything thrown by a driver or the transport into the n8n error shown to the user. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined)
			error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof StorageError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description:
				error.hint ??
				(error.parameter ? `Check the parameter ${labelOf(node, error.parameter)}` : undefined),
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

/** A bad-input error that names the parameter as n8n shows it (`displayName` when its label varies). */
export function parameterError(
	node: INode,
	parameter: string,
	problem: string,
	itemIndex?: number,
	displayName?: string,
): NodeOperationError {
	const label = labelOf(node, parameter, displayName);
	return new NodeOperationError(node, `Invalid ${label}: ${problem}`, {
		itemIndex,
		description: `Check the parameter ${label}`,
	});
}

/** `parameterError` for the node of an operation's context. */
export function invalidParameter(
	ctx: { getNode(): INode },
	parameter: string,
	problem: string,
	itemIndex?: number,
): NodeOperationError {
	return parameterError(ctx.getNode(), parameter, problem, itemIndex);
}

/**
 * A driver names the parameter it knows ("key", "container"); where the node calls it otherwise
 * (`aliases`: the driver's name → the node's, e.g. `{ key: 'blob' }`), the error is restated with
 * the node's parameter, its label in the message as n8n shows it. Anything else is returned as it is.
 */
export function renameParameter(
	node: INode | undefined,
	error: unknown,
	aliases: Record<string, string>,
): unknown {
	if (!(error instanceof StorageError) || !error.parameter) return error;
	const to = aliases[error.parameter];
	if (to === undefined) return error;
	const message = error.message.split(parameterLabel(error.parameter)).join(labelOf(node, to));
	const renamed =
		error instanceof InvalidNameError
			? new InvalidNameError(to, message)
			: new StorageError(error.code, message, to);
	renamed.hint = error.hint;
	return renamed;
}

/**
 * The message of a provider's failure that no specific status explains: the HTTP status when
 * there is one (with what the provider said), else the network error.
 */
export function otherFailureMessage(
	provider: string,
	status: number,
	said: string,
	error: Error,
): string {
	return Number.isInteger(status) && status > 0
		? `${provider} failed to process the request (HTTP ${status})${said}`
		: `The request to ${provider} failed: ${error.message}`;
}

/** Refuses an update that would change nothing; `problem` says what to add. */
export function requireChange(
	ctx: { getNode(): INode },
	changes: object,
	itemIndex: number,
	parameter: string,
	problem: string,
	displayName?: string,
): void {
	if (Object.keys(changes).length === 0)
		throw parameterError(ctx.getNode(), parameter, problem, itemIndex, displayName);
}
