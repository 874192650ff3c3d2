import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../node/errors';

/** The "Name" of a resource to create: not empty, at most 255 characters (OpenStack's limit). */
export function requiredName(ctx: IExecuteFunctions, itemIndex: number): string {
	const name = String(ctx.getNodeParameter('name', itemIndex, '')).trim();
	if (!name) throw parameterError(ctx.getNode(), 'Name', 'it must not be empty', itemIndex);
	if (name.length > 255)
		throw parameterError(ctx.getNode(), 'Name', 'it is longer than 255 characters', itemIndex);
	return name;
}
